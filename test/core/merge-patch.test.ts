import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMergePatch, applyMergePatchInPlace, combinePatches } from '../../src/core/merge-patch';
import type { JsonObject } from '../../src/controls/types';
import { sampleSiteConfig } from '../fixtures/samples';

describe('combinePatches', () => {
  it('merges nested objects key by key', () => {
    const target: JsonObject = { properties: { a: 1, nested: { b: 2, c: 3 } }, tags: { env: 'prod' } };
    expect(combinePatches(target, { properties: { nested: { c: 4 } } })).toEqual({
      properties: { a: 1, nested: { b: 2, c: 4 } },
      tags: { env: 'prod' },
    });
  });

  it('replaces arrays instead of merging them', () => {
    const config = sampleSiteConfig();
    const merged = combinePatches(config, { properties: { defaultDocuments: ['index.html'] } });
    expect(merged.properties).toMatchObject({ defaultDocuments: ['index.html'], ftpsState: 'AllAllowed' });
  });

  it('replaces scalars, and an object with a scalar or null', () => {
    expect(combinePatches({ a: { b: 1 }, c: 'x' }, { a: null, c: 2 })).toEqual({ a: null, c: 2 });
    expect(combinePatches({ a: 1 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it('adds keys the target lacks, including a missing properties object', () => {
    expect(combinePatches({ id: 'x' }, { properties: { httpsOnly: true } })).toEqual({ id: 'x', properties: { httpsOnly: true } });
  });

  it('modifies neither argument and shares no object with them', () => {
    const target: JsonObject = { properties: { keep: { deep: 1 } } };
    const patch: JsonObject = { properties: { added: { deep: 2 } } };
    const before = structuredClone({ target, patch });
    const merged = combinePatches(target, patch);
    expect({ target, patch }).toEqual(before);
    (merged.properties as { keep: { deep: number }; added: { deep: number } }).keep.deep = 9;
    (merged.properties as { keep: { deep: number }; added: { deep: number } }).added.deep = 9;
    expect({ target, patch }).toEqual(before);
  });

  it('keeps a "__proto__" key from JSON as a plain property instead of changing the prototype', () => {
    const patch = JSON.parse('{"__proto__":{"polluted":true}}') as JsonObject;
    const merged = combinePatches({}, patch);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  const jsonObject = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })) as fc.Arbitrary<JsonObject>;

  it('is idempotent: applying the same patch twice equals applying it once', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, (target, patch) => {
        const once = combinePatches(target, patch);
        expect(combinePatches(once, patch)).toEqual(once);
      }),
    );
  });

  it('leaves every key the patch does not name as it was', () => {
    fc.assert(
      fc.property(jsonObject, jsonObject, (target, patch) => {
        const merged = combinePatches(target, patch);
        for (const key of Object.keys(target)) {
          if (!Object.hasOwn(patch, key)) expect(merged[key]).toEqual(target[key]);
        }
      }),
    );
  });
});

describe('applyMergePatchInPlace (ARM PATCH, RFC 7396)', () => {
  it('merges objects, replaces arrays and scalars, and removes keys set to null', () => {
    const target: JsonObject = { properties: { a: 1, list: [1, 2, 3], nested: { keep: true, drop: 'x' } } };
    applyMergePatchInPlace(target, { properties: { list: [9], nested: { drop: null, add: 'y' }, b: 2 } });
    expect(target).toEqual({ properties: { a: 1, b: 2, list: [9], nested: { keep: true, add: 'y' } } });
  });

  it('replaces the whole tag set instead of merging tags', () => {
    const target: JsonObject = { tags: { a: '1', b: '2' }, properties: {} };
    applyMergePatchInPlace(target, { tags: { c: '3' } });
    expect(target.tags).toEqual({ c: '3' });
  });

  it('does not share structure with the patch it applied', () => {
    const patch: JsonObject = { properties: { list: [1] } };
    const target: JsonObject = {};
    applyMergePatchInPlace(target, patch);
    ((patch.properties as JsonObject).list as number[]).push(2);
    expect(target).toEqual({ properties: { list: [1] } });
  });
});

describe('applyMergePatch', () => {
  it('is applyMergePatchInPlace on a copy: the target is untouched, null removes, tags replace', () => {
    const target: JsonObject = { tags: { a: '1' }, properties: { keep: 1, drop: 'x', nested: { b: 2 } } };
    const before = structuredClone(target);
    const patched = applyMergePatch(target, { tags: { c: '3' }, properties: { drop: null, nested: { d: 4 } } });
    expect(target).toEqual(before);
    expect(patched).toEqual({ tags: { c: '3' }, properties: { keep: 1, nested: { b: 2, d: 4 } } });
  });

  it('differs from combinePatches only where a patch says null or sets tags', () => {
    const target: JsonObject = { tags: { a: '1' }, properties: { x: 1 } };
    const patch: JsonObject = { tags: { b: '2' }, properties: { x: null } };
    expect(combinePatches(target, patch)).toEqual({ tags: { a: '1', b: '2' }, properties: { x: null } });
    expect(applyMergePatch(target, patch)).toEqual({ tags: { b: '2' }, properties: {} });
  });

  it('keeps a "__proto__" key from JSON as a plain property', () => {
    const patched = applyMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}') as JsonObject);
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(Object.keys(patched)).toEqual(['__proto__']);
  });
});
