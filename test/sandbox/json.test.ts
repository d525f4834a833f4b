import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/controls/types';
import { leafPaths } from '../../src/sandbox/json';

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
