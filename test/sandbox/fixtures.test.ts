import { describe, expect, it } from 'vitest';
import { parseResourceId } from '../../src/core/resource-id';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { merge, redisCache, resourceGroup, site, siteConfig, slot, storageAccount, webApp } from '../fixtures/arm';

describe('ARM fixture builders (test/fixtures/arm.ts)', () => {
  it('build objects whose type agrees with their id and that the sandbox loads', () => {
    const estate = [resourceGroup(), ...webApp(), slot(), siteConfig({}, { slot: 'staging' }), storageAccount(), redisCache()];
    for (const object of estate.filter((o) => o.type !== 'Microsoft.Resources/resourceGroups')) {
      expect(parseResourceId(object.id).type.toLowerCase()).toBe(String(object.type).toLowerCase());
    }
    // Plus the config/authsettingsV2 the sandbox creates for the site and the slot (every app has one).
    expect(new ArmSandbox({ estate }).snapshot()).toHaveLength(estate.length + 2);
  });

  it('deep-merge property overrides and remove keys set to undefined', () => {
    const account = storageAccount({ supportsHttpsTrafficOnly: undefined, networkAcls: { defaultAction: 'Deny' } });
    expect(account.properties).not.toHaveProperty('supportsHttpsTrafficOnly');
    expect(account.properties).toMatchObject({ networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }, minimumTlsVersion: 'TLS1_2' });
  });

  it('place objects by name, group and subscription', () => {
    const app = site({}, { name: 'app-2', resourceGroup: 'rg-2', subscriptionId: '00000000-0000-0000-0000-0000000000bb', tags: { env: 'prod' } });
    expect(app).toMatchObject({
      id: '/subscriptions/00000000-0000-0000-0000-0000000000bb/resourceGroups/rg-2/providers/Microsoft.Web/sites/app-2',
      name: 'app-2',
      tags: { env: 'prod' },
      properties: { defaultHostName: 'app-2.azurewebsites.net', resourceGroup: 'rg-2' },
    });
  });

  it('return fresh objects every call', () => {
    const a = merge({ list: [1] }, undefined);
    (a.list as number[]).push(2);
    expect(merge({ list: [1] }, undefined)).toEqual({ list: [1] });
    expect(storageAccount()).not.toBe(storageAccount());
  });
});
