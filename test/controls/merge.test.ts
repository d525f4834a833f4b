import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergePatch } from '../../src/controls/merge';
import type { JsonObject } from '../../src/controls/types';
import { sampleSiteConfig } from '../fixtures/samples';

describe('mergePatch', () => {
  it('merges nested objects key by key', () => {
    const target: JsonObject = { properties: { a: 1, nested: { b: 2, c: 3 } }, tags: { env: 'prod' } };
    expect(mergePatch(target, { properties: { nested: { c: 4 } } })).toEqual({
      properties: { a: 1, nested: { b: 2, c: 4 } },
      tags: { env: 'prod' },
    });
  });

  it('replaces arrays instead of merging them', () => {
    const config = sampleSiteConfig();
    const merged = mergePatch(config, { properties: { defaultDocuments: ['index.html'] } });
    expect(merged.properties).toMatchObject({ defaultDocuments: ['index.html'], ftpsState: 'AllAllowed' });
  });

  it('replaces scalars, and an object with a scalar or null', () => {
    expect(mergePatch({ a: { b: 1 }, c: 'x' }, { a: null, c: 2 })).toEqual({ a: null, c: 2 });
    expect(mergePatch({ a: 1 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it('adds keys the target lacks, including a missing properties object', () => {
    expect(mergePatch({ id: 'x' }, { properties: { httpsOnly: true } })).toEqual({ id: 'x', properties: { httpsOnly: true } });
  });

  it('modifies neither argument and shares no object with them', () => {
    const target: JsonObject = { properties: { keep: { deep: 1 } } };
    const patch: JsonObject = { properties: { added: { deep: 2 } } };
    const before = structuredClone({ target, patch });
    const merged = mergePatch(target, patch);
    expect({ target, patch }).toEqual(before);
    (merged.properties as { keep: { deep: number }; added: { deep: number } }).keep.deep = 9;
    (merged.properties as { keep: { deep: number }; added: { deep: number } }).added.deep = 9;
    expect({ target, patch }).toEqual(before);
  });

  it('keeps a "__proto__" key from JSON as a plain property instead of changing the prototype', () => {
    const patch = JSON.parse('{"__proto__":{"polluted":true}}') as JsonObject;
    const merged = mergePatch({}, patch);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  const jsonObject = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })) as fc.Arbitrary<JsonObject>;

  it('is idempotent: applying the same patch twice equals applying it once', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, (target, patch) => {
        const once = mergePatch(target, patch);
        expect(mergePatch(once, patch)).toEqual(once);
      }),
    );
  });

  it('leaves every key the patch does not name as it was', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, (target, patch) => {
        const merged = mergePatch(target, patch);
        for (const key of Object.keys(target)) {
          if (!Object.hasOwn(patch, key)) expect(merged[key]).toEqual(target[key]);
        }
      }),
    );
  });
});
