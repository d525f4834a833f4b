import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { targetDocumentType } from '../../src/controls/types';
import { checkResources, groupObjects } from '../../src/engine/check';
import { WardenError } from '../../src/errors';
import { RESOURCE_GROUP, SUBSCRIPTION_ID, resourceGroupId, site, siteConfig, siteId, storageAccount, storageAccountId } from '../fixtures/arm';

const NOW = new Date('2026-11-15T12:00:00Z');
const REASON = 'Backup appliance only speaks TLS 1.0 until PRJ-77';

/** What `az resource list` returns for every resource: the envelope, `"properties": null`. */
function listed(object: Record<string, unknown>, properties: unknown = null): Record<string, unknown> {
  return { ...object, properties };
}

describe('check: objects without properties (az resource list)', () => {
  it.each([
    ['null', null],
    ['absent', undefined],
    ['a string', 'Succeeded'],
    ['an array', []],
  ])('reports each control of a storage account whose properties are %s as an error, not a verdict', (_, properties) => {
    const account = storageAccount();
    if (properties === undefined) delete account.properties;
    const input = properties === undefined ? [account] : [listed(account, properties)];
    const results = checkResources(input, catalog, NOW);
    expect(results.map((r) => [r.control, r.status])).toEqual([['storage-https-only', 'error'], ['storage-min-tls', 'error']]);
    for (const result of results) {
      expect(result).toMatchObject({ resourceId: storageAccountId(), resourceType: 'Microsoft.Storage/storageAccounts', path: null, actual: null, expected: null });
      expect(result.reason).toMatch(/properties/);
      expect(result.reason).toMatch(/not supplied/);
      expect(result.reason).toContain(`az resource show --ids ${storageAccountId()}`);
      expect(result.reason).toMatch(/az graph query/);
    }
  });

  it('reports an error even when a tag would exempt the control: nothing was evaluated', () => {
    const account = listed(storageAccount({}, { tags: { 'transit-warden-exempt': 'storage-min-tls', 'transit-warden-exempt-reason': REASON } }));
    const results = checkResources([account], catalog, NOW);
    expect(results.every((r) => r.status === 'error')).toBe(true);
  });

  it('reports site controls as errors for a listed site, and still evaluates a supplied config/web', () => {
    const results = checkResources([listed(site()), siteConfig({ minTlsVersion: '1.0', ftpsState: 'FtpsOnly' })], catalog, NOW);
    expect(Object.fromEntries(results.map((r) => [r.control, r.status]))).toEqual({
      'appservice-https-only': 'error', 'appservice-client-cert': 'error',
      'appservice-min-tls': 'fail', 'appservice-scm-min-tls': 'pass', 'appservice-ftps-only': 'pass',
      // Not supplied: an error, never a silent pass.
      'appservice-auth-require-https': 'error',
    });
    expect(new Set(results.map((r) => r.resourceId))).toEqual(new Set([siteId()]));
  });

  it('reports a config/web document without properties as an error for the controls that read it', () => {
    const config = listed(siteConfig());
    const results = checkResources([site({ httpsOnly: true, clientCertEnabled: true }), config], catalog, NOW);
    const byControl = Object.fromEntries(results.map((r) => [r.control, r]));
    expect(byControl['appservice-https-only'].status).toBe('pass');
    for (const control of ['appservice-min-tls', 'appservice-scm-min-tls', 'appservice-ftps-only']) {
      expect(byControl[control].status).toBe('error');
      expect(byControl[control].reason).toContain(`${siteId()}/config/web`);
      expect(byControl[control].reason).toMatch(/properties .*not supplied/);
    }
  });

  it('leaves objects with properties as they were: an empty properties object is judged', () => {
    const results = checkResources([listed(storageAccount(), {})], catalog, NOW);
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail']);
  });
});

describe('check: objects no control covers are skipped before their id is read', () => {
  const sub = SUBSCRIPTION_ID;
  const uncovered: [string, Record<string, unknown>][] = [
    ['a subscription-scoped resource', { id: `/subscriptions/${sub}/providers/Microsoft.Security/pricings/VirtualMachines`, type: 'Microsoft.Security/pricings', properties: { pricingTier: 'Standard' } }],
    ['an extension resource', { id: `${siteId()}/providers/Microsoft.Insights/diagnosticSettings/y`, type: 'Microsoft.Insights/diagnosticSettings', properties: {} }],
    ['a subscription row of Resource Graph resourcecontainers', { id: `/subscriptions/${sub}`, type: 'microsoft.resources/subscriptions', properties: {} }],
    ['a tenant-level object', { id: '/providers/Microsoft.Management/managementGroups/mg', type: 'Microsoft.Management/managementGroups' }],
    ['an uncovered type with a garbage id', { id: 'not an id', type: 'Microsoft.Network/virtualNetworks' }],
  ];

  it.each(uncovered)('evaluates a storage account next to %s', (_, object) => {
    const results = checkResources([object, storageAccount({ minimumTlsVersion: 'TLS1_0' })], catalog, NOW);
    expect(results.map((r) => [r.resourceId, r.control, r.status])).toEqual([
      [storageAccountId(), 'storage-https-only', 'pass'],
      [storageAccountId(), 'storage-min-tls', 'fail'],
    ]);
  });

  it.each([
    ['Resource Graph', 'microsoft.resources/subscriptions/resourcegroups', `/subscriptions/${sub}/resourcegroups/${RESOURCE_GROUP}`],
    ['ARM', 'Microsoft.Resources/resourceGroups', resourceGroupId()],
  ])('reads resource-group tags from the %s spelling of a resource group', (_, type, id) => {
    const rg = { id, name: RESOURCE_GROUP, type, tags: { 'transit-warden-exempt': 'storage-min-tls', 'transit-warden-exempt-reason': REASON }, properties: { provisioningState: 'Succeeded' } };
    const { groupTags } = groupObjects([rg], catalog);
    expect([...groupTags.keys()]).toEqual([resourceGroupId().toLowerCase()]);
    const results = checkResources([rg, storageAccount({ minimumTlsVersion: 'TLS1_0' })], catalog, NOW);
    expect(results.find((r) => r.control === 'storage-min-tls')).toMatchObject({ status: 'exempt', reason: expect.stringContaining(REASON) });
  });

  it('still refuses a resource group object whose id is not a resource group id', () => {
    const rg = { id: `/subscriptions/${sub}`, type: 'microsoft.resources/subscriptions/resourcegroups', tags: {} };
    expect(() => checkResources([rg], catalog, NOW)).toThrow(WardenError);
  });

  it.each([
    ['a storage account', 'Microsoft.Storage/storageAccounts', `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/../x`],
    ['a storage account (Graph spelling)', 'microsoft.storage/storageaccounts', `/subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts/x`],
    ['a config/web document', 'Microsoft.Web/sites/config', `/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Web/sites/app/config/web`],
    ['a slot config/web document', 'Microsoft.Web/sites/slots/config', 'sites/app/slots/s/config/web'],
    ['a flexible server parameter', 'Microsoft.DBforMySQL/flexibleServers/configurations', `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.DBforMySQL/flexibleServers/db/configurations`],
  ])('judges the rest and reports %s with a malformed id as error for each control that reads it, naming the item', (_, type, id) => {
    const input = [storageAccount({ minimumTlsVersion: 'TLS1_0' }), { id, type, properties: {} }];
    const results = checkResources(input, catalog, NOW);
    // The well-formed account is still judged.
    expect(results.find((r) => r.resourceId === storageAccountId() && r.control === 'storage-min-tls')).toMatchObject({ status: 'fail' });
    const unusable = results.filter((r) => r.resourceId === id);
    const readers = catalog.filter((c) => c.resourceTypes.some((t) => [t, targetDocumentType(t, c.target)].some((read) => read.toLowerCase() === type.toLowerCase())));
    expect(readers.length).toBeGreaterThan(0);
    expect(unusable.map((r) => r.control).sort()).toEqual(readers.map((c) => c.id).sort());
    for (const result of unusable) expect(result).toMatchObject({ status: 'error', resourceType: type, reason: expect.stringMatching(/^not judged: .*item 1: invalid resource id/) });
  });
});

describe('Resource Graph answers', () => {
  it('reads the rows of a {data:[…]} answer, as the REST API and az graph query give them', async () => {
    const { toObjectList } = await import('../../src/engine/check');
    const row = { id: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1', type: 'microsoft.storage/storageaccounts', properties: { supportsHttpsTrafficOnly: true } };
    expect(toObjectList({ count: 1, data: [row], skip_token: null, total_records: 1 })).toEqual([row]);
    expect(toObjectList({ totalRecords: 1, count: 1, data: [row], facets: [], resultTruncated: 'false' })).toEqual([row]);
    // A resource that happens to have a `data` array is still one resource.
    const resource = { ...row, data: [1, 2] };
    expect(toObjectList(resource)).toEqual([resource]);
  });
});
