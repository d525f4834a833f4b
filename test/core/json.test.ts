import { describe, expect, it } from 'vitest';
import { cloneJson } from '../../src/core/json';

describe('cloneJson', () => {
  it('copies JSON data deeply, so changing the copy leaves the original alone', () => {
    const original = { id: 'x', tags: { a: '1' }, properties: { list: [{ v: 1 }, 'two', null, true] }, gone: undefined };
    const copy = cloneJson(original);
    expect(copy).toEqual(original);
    expect(Object.keys(copy)).toContain('gone');
    copy.tags.a = 'changed';
    (copy.properties.list[0] as { v: number }).v = 2;
    expect(original.tags.a).toBe('1');
    expect(original.properties.list[0]).toEqual({ v: 1 });
  });

  it('returns primitives and null as they are', () => {
    for (const value of ['s', 0, false, null]) expect(cloneJson(value)).toBe(value);
  });

  it('copies a "__proto__" key as a key, as JSON.parse made it, without touching the prototype', () => {
    const original = JSON.parse('{"__proto__": {"minimumTlsVersion": "TLS1_2"}}') as Record<string, unknown>;
    const copy = cloneJson(original);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { minimumTlsVersion?: string }).minimumTlsVersion).toBeUndefined();
  });
});
