import { describe, expect, it } from 'vitest';
import { GroupTagsCache } from '../../src/engine/group-tags-cache';

describe('GroupTagsCache', () => {
  it('reads a key once within the TTL and again after it', async () => {
    const cache = new GroupTagsCache<string>(1000);
    let reads = 0;
    const read = async (): Promise<string> => `read ${++reads}`;
    expect(await cache.get('rg-a', 0, read)).toBe('read 1');
    expect(await cache.get('rg-a', 999, read)).toBe('read 1');
    expect(await cache.get('rg-a', 1000, read)).toBe('read 2');
    expect(reads).toBe(2);
  });

  it('shares one in-flight read between concurrent callers', async () => {
    const cache = new GroupTagsCache<string>(1000);
    let reads = 0;
    const read = (): Promise<string> => new Promise((resolve) => setTimeout(() => resolve(`read ${++reads}`), 5));
    expect(await Promise.all([cache.get('rg-a', 0, read), cache.get('rg-a', 1, read)])).toEqual(['read 1', 'read 1']);
    expect(reads).toBe(1);
  });

  it('evicts expired groups as new ones arrive, so a long-lived worker does not keep every group it saw', async () => {
    const cache = new GroupTagsCache<string>(1000);
    for (let i = 0; i < 50; i += 1) await cache.get(`rg-${i}`, i, async () => 'tags');
    expect(cache.size).toBe(50);
    // Past every entry's expiry: the next read leaves only itself.
    await cache.get('rg-new', 2000, async () => 'tags');
    expect(cache.size).toBe(1);
  });

  it('keeps a refreshed key behind older ones, so eviction from the front stays correct', async () => {
    const cache = new GroupTagsCache<string>(1000);
    await cache.get('rg-a', 0, async () => 'a1');
    await cache.get('rg-b', 500, async () => 'b1');
    await cache.get('rg-a', 1200, async () => 'a2'); // rg-a expired at 1000: refreshed, expires 2200
    await cache.get('rg-c', 1600, async () => 'c1'); // rg-b expired at 1500: evicted
    expect(cache.size).toBe(2);
    expect(await cache.get('rg-a', 2100, async () => 'a3')).toBe('a2');
  });

  it('drops a failed read so the next caller tries again', async () => {
    const cache = new GroupTagsCache<string>(1000);
    await expect(cache.get('rg-a', 0, async () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    expect(cache.size).toBe(0);
    expect(await cache.get('rg-a', 1, async () => 'tags')).toBe('tags');
  });
});
