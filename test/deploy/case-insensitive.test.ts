import { describe, expect, it } from 'vitest';
import { distinctIgnoringCase } from '../../src/deploy/case-insensitive';

describe('distinctIgnoringCase', () => {
  it('keeps the first spelling of values that differ only in case, sorted without case', () => {
    expect(distinctIgnoringCase(['Microsoft.Cache/redis/write', 'Microsoft.Web/sites/write', 'Microsoft.Cache/Redis/write', 'microsoft.app/x']))
      .toEqual(['microsoft.app/x', 'Microsoft.Cache/redis/write', 'Microsoft.Web/sites/write']);
  });

  it('gives the same order whatever order the values come in', () => {
    const values = ['b/x', 'A/y', 'a/x', 'B/X', 'c'];
    expect(distinctIgnoringCase([...values].reverse()).map((v) => v.toLowerCase())).toEqual(distinctIgnoringCase(values).map((v) => v.toLowerCase()));
  });
});
