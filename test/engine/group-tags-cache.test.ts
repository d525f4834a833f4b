import { describe, expect, it } from 'vitest';
import { GroupTagsCache } from '../../src/engine/group-tags-cache';

/** The value of a cache lookup (`get` also says when that read was issued). */
const valueOf = <T>(cache: GroupTagsCache<T>, key: string, now: number, read: () => Promise<T>): Promise<T> => cache.get(key, now, read).value;

describe('GroupTagsCache', () => {
  it('reads a key once within the TTL and again after it', async () => {
    const cache = new GroupTagsCache<string>(1000);
    let reads = 0;
    const read = async (): Promise<string> => `read ${++reads}`;
    expect(await valueOf(cache, 'rg-a', 0, read)).toBe('read 1');
    expect(await valueOf(cache, 'rg-a', 999, read)).toBe('read 1');
    expect(await valueOf(cache, 'rg-a', 1000, read)).toBe('read 2');
    expect(reads).toBe(2);
  });

  it('shares one in-flight read between concurrent callers', async () => {
    const cache = new GroupTagsCache<string>(1000);
    let reads = 0;
    const read = (): Promise<string> => new Promise((resolve) => setTimeout(() => resolve(`read ${++reads}`), 5));
    expect(await Promise.all([valueOf(cache, 'rg-a', 0, read), valueOf(cache, 'rg-a', 1, read)])).toEqual(['read 1', 'read 1']);
    expect(reads).toBe(1);
  });

  it('evicts expired groups as new ones arrive, so a long-lived worker does not keep every group it saw', async () => {
    const cache = new GroupTagsCache<string>(1000);
    for (let i = 0; i < 50; i += 1) await valueOf(cache, `rg-${i}`, i, async () => 'tags');
    expect(cache.size).toBe(50);
    // Past every entry's expiry: the next read leaves only itself.
    await valueOf(cache, 'rg-new', 2000, async () => 'tags');
    expect(cache.size).toBe(1);
  });

  it('keeps a refreshed key behind older ones, so eviction from the front stays correct', async () => {
    const cache = new GroupTagsCache<string>(1000);
    await valueOf(cache, 'rg-a', 0, async () => 'a1');
    await valueOf(cache, 'rg-b', 500, async () => 'b1');
    await valueOf(cache, 'rg-a', 1200, async () => 'a2'); // rg-a expired at 1000: refreshed, expires 2200
    await valueOf(cache, 'rg-c', 1600, async () => 'c1'); // rg-b expired at 1500: evicted
    expect(cache.size).toBe(2);
    expect(await valueOf(cache, 'rg-a', 2100, async () => 'a3')).toBe('a2');
  });

  it('drops a failed read so the next caller tries again', async () => {
    const cache = new GroupTagsCache<string>(1000);
    await expect(valueOf(cache, 'rg-a', 0, async () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    expect(cache.size).toBe(0);
    expect(await valueOf(cache, 'rg-a', 1, async () => 'tags')).toBe('tags');
  });

  it('says when the read it hands out was issued, from that entry, and distrusts one from the future', async () => {
    const cache = new GroupTagsCache<string>(60_000);
    expect(cache.get('rg-a', 1_000, async () => 'a').readAt).toBe(1_000);
    expect(cache.get('rg-a', 30_000, async () => 'b').readAt).toBe(1_000);
    // The clock stepped back past the read: read again rather than call it fresh.
    let reads = 0;
    const back = cache.get('rg-a', 500, async () => `re-read ${++reads}`);
    expect(back.readAt).toBe(500);
    expect(await back.value).toBe('re-read 1');
  });
});
