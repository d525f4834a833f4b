/**
 * Resource-group tags, reused for a while: a sweep reads each group once, not once per resource.
 * The promise is cached, not the result, so concurrent evaluations in one group share one read; a
 * failed read is dropped at once so the next evaluation tries again.
 *
 * Expired entries are evicted as new ones arrive. Entries sit in the Map in insertion order and every
 * entry lives for the same TTL, so the oldest are at the front: eviction walks from the front and
 * stops at the first live entry (amortised O(1) per read). Without it a long-lived worker kept one
 * entry for every resource group it had ever seen.
 */
export class GroupTagsCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expires: number }>();

  constructor(private readonly ttlMs: number) {}

  /**
   * The cached read for `key`, or `read()`'s, cached until `now + ttl`; with when that read was
   * issued (from the entry used, never looked up again: a concurrent refresh may replace it).
   */
  get(key: string, now: number, read: () => Promise<T>): { value: Promise<T>; readAt: number } {
    const cached = this.entries.get(key);
    // An entry read "after" now means the clock stepped back: it cannot be trusted to be fresh.
    if (cached && cached.expires > now && cached.expires - this.ttlMs <= now) return { value: cached.value, readAt: cached.expires - this.ttlMs };
    this.evictExpired(now);
    const value = read();
    const entry = { value, expires: now + this.ttlMs };
    // Deleted first so a refreshed key moves to the back and the front stays the oldest.
    this.entries.delete(key);
    this.entries.set(key, entry);
    value.catch(() => {
      // Only this read's entry: a newer read of the same key may have replaced it meanwhile.
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return { value, readAt: now };
  }

  /** `read()` now, whatever is cached, and cached from `now` (a decision to write wants no stale tags). */
  refresh(key: string, now: number, read: () => Promise<T>): { value: Promise<T>; readAt: number } {
    this.entries.delete(key);
    return this.get(key, now, read);
  }

  get size(): number {
    return this.entries.size;
  }

  private evictExpired(now: number): void {
    for (const [key, entry] of this.entries) {
      // A clock that stepped back could leave a live entry ahead of expired ones; they go on a later pass.
      if (entry.expires > now) return;
      this.entries.delete(key);
    }
  }
}
