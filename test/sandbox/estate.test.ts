import { describe, expect, it } from 'vitest';
import type { ArmObject } from '../../src/controls/types';
import { isWardenError } from '../../src/errors';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { resourceGroup, resourceGroupId, site, siteConfig, siteId, slot, slotId, storageAccount, storageAccountId } from '../fixtures/arm';

function loadError(estate: unknown): string {
  try {
    new ArmSandbox().load(estate as ArmObject[]);
  } catch (err) {
    expect(isWardenError(err, 'INVALID_INPUT')).toBe(true);
    return (err as Error).message;
  }
  throw new Error('load accepted a bad estate');
}

describe('ArmSandbox.load validates the estate', () => {
  it('refuses something that is not an array', () => {
    expect(loadError({ value: [] })).toMatch(/JSON array/);
  });

  it('refuses an object without a string id, naming its index', () => {
    expect(loadError([storageAccount(), { type: 'Microsoft.Web/sites' }])).toMatch(/estate \[1\]: has no string "id"/);
  });

  it('refuses an object without a type', () => {
    const { type: _, ...untyped } = storageAccount();
    expect(loadError([untyped])).toMatch(/\[0\] \(id ".*stcontoso001"\): has no string "type"/);
  });

  it('refuses an id that does not parse', () => {
    expect(loadError([{ ...storageAccount(), id: '/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x' }])).toMatch(
      /subscription id is not a GUID/,
    );
  });

  it('refuses a type that disagrees with the id', () => {
    expect(loadError([{ ...storageAccount(), type: 'Microsoft.Web/sites' }])).toMatch(/"type" is "Microsoft.Web\/sites" but the id names a "Microsoft.Storage\/storageAccounts"/);
  });

  it('refuses a resource group object whose type is not Microsoft.Resources/resourceGroups', () => {
    expect(loadError([{ ...resourceGroup(), type: 'Microsoft.Web/sites' }])).toMatch(/names a resource group/);
  });

  it('refuses duplicate ids, compared case-insensitively', () => {
    const upper = { ...storageAccount(), id: storageAccountId().toUpperCase().replace('SUBSCRIPTIONS', 'subscriptions') };
    expect(loadError([storageAccount(), site(), upper])).toMatch(/\[2\].*duplicates the id of \[0\]/);
  });

  it('refuses a config/web whose site is not in the estate', () => {
    expect(loadError([siteConfig({}, { site: 'app-orphan' })])).toMatch(/app-orphan\/config\/web.*parent resource is not in the estate/);
  });

  it('keeps the previous estate when a load fails', () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    expect(() => sandbox.load([site(), { id: 'nope' } as ArmObject])).toThrow();
    expect(sandbox.snapshot().map((o) => o.id)).toEqual([storageAccountId()]);
  });

  it('stores objects of types no kind serves, so sweeps and extra routes can list them', () => {
    const plan = { id: siteId().replace('sites/app-contoso', 'serverfarms/asp-contoso'), type: 'Microsoft.Web/serverfarms', name: 'asp-contoso', properties: {} };
    const sandbox = new ArmSandbox({ estate: [plan] });
    expect(sandbox.get(String(plan.id))).toEqual(plan);
  });
});

describe('ArmSandbox estate contents', () => {
  it('creates the default config/web ARM has for a site that lacks one: TLS 1.2, FTP AllAllowed', () => {
    const sandbox = new ArmSandbox({ estate: [site()] });
    expect(sandbox.get(`${siteId()}/config/web`)).toMatchObject({
      id: `${siteId()}/config/web`,
      type: 'Microsoft.Web/sites/config',
      properties: { minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'AllAllowed' },
    });
  });

  it('creates slot config/web documents too', () => {
    const sandbox = new ArmSandbox({ estate: [site(), slot()] });
    expect(sandbox.get(`${slotId()}/config/web`)).toMatchObject({ type: 'Microsoft.Web/sites/slots/config' });
  });

  it('seeds a created config/web from the site’s template-style siteConfig, and nulls those fields on the site', () => {
    const sandbox = new ArmSandbox({ estate: [site({ siteConfig: { minTlsVersion: '1.0', ftpsState: 'FtpsOnly' } })] });
    expect(sandbox.get(`${siteId()}/config/web`)).toMatchObject({ properties: { minTlsVersion: '1.0', ftpsState: 'FtpsOnly' } });
    expect(sandbox.get(siteId())).toMatchObject({ properties: { siteConfig: { minTlsVersion: null, ftpsState: null } } });
  });

  it('keeps a config/web the estate lists later than its site, instead of the default', () => {
    const sandbox = new ArmSandbox({ estate: [site(), storageAccount(), siteConfig({ ftpsState: 'Disabled' })] });
    expect(sandbox.get(`${siteId()}/config/web`)).toMatchObject({ properties: { ftpsState: 'Disabled' } });
    // The site's config/authsettingsV2, which the estate does not list, is created right after it.
    expect(sandbox.snapshot().map((o) => o.id)).toEqual([siteId(), `${siteId()}/config/authsettingsV2`, storageAccountId(), `${siteId()}/config/web`]);
  });

  it('snapshots in load order with created documents right after their owner', () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), site(), storageAccount()] });
    expect(sandbox.snapshot().map((o) => o.id)).toEqual([resourceGroupId(), siteId(), `${siteId()}/config/web`, `${siteId()}/config/authsettingsV2`, storageAccountId()]);
  });

  it('replaces an object in place with set() and adds new ones at the end', () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount(), resourceGroup()] });
    sandbox.set(storageAccount({ minimumTlsVersion: 'TLS1_0' }));
    sandbox.set(site());
    expect(sandbox.snapshot().map((o) => o.type)).toEqual([
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Resources/resourceGroups',
      'Microsoft.Web/sites',
      'Microsoft.Web/sites/config',
      'Microsoft.Web/sites/config',
    ]);
    expect(sandbox.get(storageAccountId())).toMatchObject({ properties: { minimumTlsVersion: 'TLS1_0' } });
  });

  it('validates set() like load()', () => {
    const sandbox = new ArmSandbox();
    expect(() => sandbox.set({ ...storageAccount(), type: 'Microsoft.Web/sites' })).toThrow(/"type" is "Microsoft.Web\/sites"/);
  });

  it('deletes a site with its config/web and slots', () => {
    const sandbox = new ArmSandbox({ estate: [site(), slot(), storageAccount()] });
    expect(sandbox.delete(siteId().toUpperCase())).toBe(true);
    expect(sandbox.snapshot().map((o) => o.id)).toEqual([storageAccountId()]);
    expect(sandbox.delete(siteId())).toBe(false);
  });

  it('does not let later changes to the loaded array reach the estate', () => {
    const estate = [storageAccount()];
    const sandbox = new ArmSandbox({ estate });
    estate[0].name = 'changed';
    expect(sandbox.get(storageAccountId())?.name).toBe('stcontoso001');
  });
});
