import { describe, expect, it } from 'vitest';
import { isResourceId, parentOf, parseResourceId, resourceIdRefusal, resourceKey, selfAndAncestors } from '../../src/core/resource-id';

const SUB = '34adfa4f-cedf-4dc0-ba29-b6d1a69ab345';

describe('parseResourceId', () => {
  it('parses a site id into subscription, group, provider, types and names', () => {
    const id = parseResourceId(`/subscriptions/${SUB}/resourceGroups/testrg123/providers/Microsoft.Web/sites/sitef6141`);
    expect(id).toMatchObject({ subscriptionId: SUB, resourceGroup: 'testrg123', provider: 'Microsoft.Web', typeSegments: ['sites'], names: ['sitef6141'], type: 'Microsoft.Web/sites' });
  });

  it('parses slots and config children with their full type', () => {
    const id = parseResourceId(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/app/slots/staging/config/web`);
    expect(id.type).toBe('Microsoft.Web/sites/slots/config');
    expect(id.names).toEqual(['app', 'staging', 'web']);
  });

  it('accepts resourcegroups and providers in any case and rebuilds the canonical spelling', () => {
    const id = parseResourceId(`/SUBSCRIPTIONS/${SUB}/RESOURCEGROUPS/rg/PROVIDERS/Microsoft.Cache/Redis/cache1/`);
    expect(id.id).toBe(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache1`);
  });

  it.each([
    ['a traversal segment', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/../sites/x`],
    ['a dot segment', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/./x`],
    ['an encoded slash', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/a%2Fb`],
    ['a query string', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/a?api-version=1`],
    ['a non-GUID subscription', '/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Web/sites/a'],
    ['a resource group id', `/subscriptions/${SUB}/resourceGroups/rg`],
    ['an odd number of type/name segments', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/a/slots`],
    ['an empty segment', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web//sites/a`],
    ['a relative path', `subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/a`],
    ['a nested provider (extension resource)', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/a/providers/Microsoft.Insights/diagnosticSettings/d`],
    ['a backslash', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/a\\b`],
    ['a control character', `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/a\u0000`],
  ])('rejects %s with code INVALID_RESOURCE_ID', (_, input) => {
    expect(() => parseResourceId(input)).toThrowError(expect.objectContaining({ code: 'INVALID_RESOURCE_ID' }));
  });

  it('rejects non-strings and oversized ids without echoing them in full', () => {
    expect(() => parseResourceId(42)).toThrowError(/not a string/);
    const huge = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/${'a'.repeat(5000)}`;
    expect(() => parseResourceId(huge)).toThrowError(/longer than 2048/);
    try {
      parseResourceId(huge);
    } catch (err) {
      expect((err as Error).message.length).toBeLessThan(400);
    }
  });

  it('isResourceId never throws and resourceKey compares case-insensitively', () => {
    expect(isResourceId({})).toBe(false);
    expect(resourceKey(`/subscriptions/${SUB}/resourcegroups/RG/providers/microsoft.web/SITES/App`)).toBe(
      resourceKey(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/app`),
    );
  });

  it('parentOf drops the last type and name', () => {
    const parent = parentOf(parseResourceId(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/app/config/web`));
    expect(parent?.type).toBe('Microsoft.Web/sites');
    expect(parent?.id).toBe(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Web/sites/app`);
  });
});

describe('selfAndAncestors', () => {
  it('walks from the resource up to its top-level parent, saying what lies below each', () => {
    const base = '/subscriptions/6b1f0c52-8a7e-4f2b-9f3c-2d4e5a6b7c8d/resourceGroups/rg/providers/Microsoft.Web';
    const chain = [...selfAndAncestors(parseResourceId(`${base}/sites/app/slots/staging/config/web`))];
    expect(chain.map(({ resource, below }) => [resource.id, resource.type, below])).toEqual([
      [`${base}/sites/app/slots/staging/config/web`, 'Microsoft.Web/sites/slots/config', ''],
      [`${base}/sites/app/slots/staging`, 'Microsoft.Web/sites/slots', 'config/web'],
      [`${base}/sites/app`, 'Microsoft.Web/sites', 'slots/staging/config/web'],
    ]);
  });
});

describe('resourceIdRefusal', () => {
  const SCOPE = '/subscriptions/00000000-0000-0000-0000-000000000001';
  const refusalOf = (input: unknown): string | undefined => {
    try {
      parseResourceId(input);
      return undefined;
    } catch (err) {
      return resourceIdRefusal(err);
    }
  };

  it.each([
    [`${SCOPE}/resourceGroups/rg`, 'resource-group'],
    [`${SCOPE}/providers/Microsoft.Authorization/policyAssignments/a`, 'no-resource-group'],
    [`${SCOPE}/resourceGroups/rg/providers/Microsoft.Web/sites/app/providers/Microsoft.Authorization/locks/l`, 'extension-resource'],
    [`${SCOPE}/resourceGroups/rg/providers/Microsoft.Web/sites/../x`, 'malformed'],
    [42, 'malformed'],
  ])('%s is refused as %s', (input, refusal) => {
    expect(refusalOf(input)).toBe(refusal);
  });

  it('is undefined for a valid id and for other errors', () => {
    expect(refusalOf(`${SCOPE}/resourceGroups/rg/providers/Microsoft.Web/sites/app`)).toBeUndefined();
    expect(resourceIdRefusal(new Error('other'))).toBeUndefined();
  });
});
