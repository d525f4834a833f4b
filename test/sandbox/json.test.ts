import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/controls/types';
import { applyMergePatch, leafPaths } from '../../src/sandbox/json';

describe('PATCH merge semantics', () => {
  it('merges objects, replaces arrays and scalars, and removes keys set to null', () => {
    const target: JsonObject = { properties: { a: 1, list: [1, 2, 3], nested: { keep: true, drop: 'x' } } };
    applyMergePatch(target, { properties: { list: [9], nested: { drop: null, add: 'y' }, b: 2 } });
    expect(target).toEqual({ properties: { a: 1, b: 2, list: [9], nested: { keep: true, add: 'y' } } });
  });

  it('replaces the whole tag set instead of merging tags', () => {
    const target: JsonObject = { tags: { a: '1', b: '2' }, properties: {} };
    applyMergePatch(target, { tags: { c: '3' } });
    expect(target.tags).toEqual({ c: '3' });
  });

  it('does not share structure with the patch it applied', () => {
    const patch: JsonObject = { properties: { list: [1] } };
    const target: JsonObject = {};
    applyMergePatch(target, patch);
    ((patch.properties as JsonObject).list as number[]).push(2);
    expect(target).toEqual({ properties: { list: [1] } });
  });
});

describe('written leaf paths', () => {
  it('lists every leaf a body sets, with arrays, nulls and tags as single leaves', () => {
    expect(leafPaths({ properties: { httpsOnly: true, siteConfig: { ftpsState: 'FtpsOnly' }, list: [1], gone: null }, tags: { a: '1' } })).toEqual([
      'properties.httpsOnly',
      'properties.siteConfig.ftpsState',
      'properties.list',
      'properties.gone',
      'tags',
    ]);
  });

  it('lists nothing for an empty body', () => {
    expect(leafPaths({})).toEqual([]);
  });
});
