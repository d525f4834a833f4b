/**
 * A bounded memory of event ids this process has finished, so a redelivered event costs no ARM
 * call. Least recently seen ids go first. It is per process and lost on restart: the engine's
 * deterministic audit record ids are the durable guard against a second fix or record.
 */
export class RecentEventIds {
  private readonly ids = new Map<string, true>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive whole number, got ${capacity}`);
  }

  has(id: string): boolean {
    if (!this.ids.has(id)) return false;
    // Refresh: an id seen again is likely to be redelivered again soon.
    this.ids.delete(id);
    this.ids.set(id, true);
    return true;
  }

  add(id: string): void {
    this.ids.delete(id);
    this.ids.set(id, true);
    while (this.ids.size > this.capacity) {
      const oldest = this.ids.keys().next().value;
      if (oldest === undefined) break;
      this.ids.delete(oldest);
    }
  }

  get size(): number {
    return this.ids.size;
  }
}
