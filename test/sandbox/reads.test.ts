import { describe, expect, it } from 'vitest';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import {
  RESOURCE_GROUP,
  redisCache,
  redisCacheId,
  resourceGroup,
  site,
  siteConfig,
  siteId,
  slot,
  storageAccount,
  storageAccountId,
  webApp,
} from '../fixtures/arm';
import { sdkClients, wire } from './clients';

describe('ArmSandbox reads through the official SDK clients', () => {
  it('returns a site with its siteConfig TLS and FTPS fields null, as real ARM does', async () => {
    const sandbox = new ArmSandbox({ estate: [...webApp({ httpsOnly: true }, { minTlsVersion: '1.0', ftpsState: 'AllAllowed' })] });
    const capture = wire();
    const model = await sdkClients(sandbox).web.webApps.get(RESOURCE_GROUP, 'app-contoso', capture.options);
    const body = capture.json() as { properties: { httpsOnly: boolean; siteConfig: Record<string, unknown> } };
    expect(body.properties.httpsOnly).toBe(true);
    expect(body.properties.siteConfig).toMatchObject({ minTlsVersion: null, scmMinTlsVersion: null, ftpsState: null });
    expect(model.id).toBe(siteId());
  });

  it('serves config/web with the values the estate gave it', async () => {
    const sandbox = new ArmSandbox({ estate: webApp({}, { minTlsVersion: '1.0', ftpsState: 'AllAllowed' }) });
    const capture = wire();
    const config = await sdkClients(sandbox).web.webApps.getConfiguration(RESOURCE_GROUP, 'app-contoso', capture.options);
    expect(config.minTlsVersion).toBe('1.0');
    expect(capture.json()).toMatchObject({ id: `${siteId()}/config/web`, type: 'Microsoft.Web/sites/config', properties: { ftpsState: 'AllAllowed' } });
  });

  it('serves slots and their config/web', async () => {
    const sandbox = new ArmSandbox({ estate: [site(), slot({ httpsOnly: false }), siteConfig({ ftpsState: 'Disabled' }, { slot: 'staging' })] });
    const { web } = sdkClients(sandbox);
    expect((await web.webApps.getSlot(RESOURCE_GROUP, 'app-contoso', 'staging')).httpsOnly).toBe(false);
    expect((await web.webApps.getConfigurationSlot(RESOURCE_GROUP, 'app-contoso', 'staging')).ftpsState).toBe('Disabled');
  });

  it('returns storage accounts in wire shape (supportsHttpsTrafficOnly) and the SDK maps them', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' })] });
    const capture = wire();
    const account = await sdkClients(sandbox).storage.storageAccounts.getProperties(RESOURCE_GROUP, 'stcontoso001', capture.options);
    expect(account.enableHttpsTrafficOnly).toBe(false);
    expect(capture.json()).toMatchObject({ id: storageAccountId(), properties: { supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' } });
  });

  it('serves Redis at the lower-case redis URL the SDK uses and keeps ARM’s Microsoft.Cache/Redis type', async () => {
    const sandbox = new ArmSandbox({ estate: [redisCache({ enableNonSslPort: true })] });
    const cache = await sdkClients(sandbox).redis.redis.get(RESOURCE_GROUP, 'redis-contoso');
    expect(cache.enableNonSslPort).toBe(true);
    expect(cache.type).toBe('Microsoft.Cache/Redis');
    expect(cache.id).toBe(redisCacheId());
    expect(sandbox.calls[0].path).toContain('/Microsoft.Cache/redis/');
  });

  it('returns resource group tags', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup({ tags: { 'transit-warden-exempt': '*' } })] });
    const group = await sdkClients(sandbox).resources.resourceGroups.get(RESOURCE_GROUP);
    expect(group.tags).toEqual({ 'transit-warden-exempt': '*' });
  });

  it('answers a resource group that holds resources but is not in the estate, with no tags', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    const group = await sdkClients(sandbox).resources.resourceGroups.get(RESOURCE_GROUP);
    expect(group).toMatchObject({ name: RESOURCE_GROUP, tags: {} });
  });

  it('answers 404 ResourceGroupNotFound for a group that does not exist', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    await expect(sdkClients(sandbox).resources.resourceGroups.get('rg-nowhere')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceGroupNotFound',
    });
  });

  it('answers 404 ResourceNotFound with ARM’s message for an unknown resource', async () => {
    const sandbox = new ArmSandbox({ estate: [] });
    await expect(sdkClients(sandbox).web.webApps.get(RESOURCE_GROUP, 'app-missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'ResourceNotFound',
      message: expect.stringContaining(`The Resource 'Microsoft.Web/sites/app-missing' under resource group '${RESOURCE_GROUP}' was not found`),
    });
  });

  it('matches ids case-insensitively, in requests and in get()', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    const account = await sdkClients(sandbox).storage.storageAccounts.getProperties(RESOURCE_GROUP.toUpperCase(), 'STCONTOSO001');
    expect(account.name).toBe('stcontoso001');
    expect(sandbox.get(storageAccountId().toUpperCase())?.name).toBe('stcontoso001');
  });

  it('hands out deep copies from get(), so callers cannot change the estate by accident', () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    const copy = sandbox.get(storageAccountId()) as { properties: { supportsHttpsTrafficOnly: boolean } };
    copy.properties.supportsHttpsTrafficOnly = false;
    expect(sandbox.get(storageAccountId())).toMatchObject({ properties: { supportsHttpsTrafficOnly: true } });
  });

  it('counts reads in the call log with path, api-version, status and resource type', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    await sdkClients(sandbox).web.webApps.getConfiguration(RESOURCE_GROUP, 'app-contoso');
    expect(sandbox.calls).toEqual([
      {
        method: 'GET',
        path: `${siteId()}/config/web`,
        apiVersion: '2025-05-01',
        status: 200,
        kind: 'read',
        resourceType: 'Microsoft.Web/sites/config',
      },
    ]);
    expect(sandbox.counts()).toEqual({ reads: 1, writes: 0, polls: 0, total: 1, byStatus: { 200: 1 } });
    sandbox.resetCalls();
    expect(sandbox.counts().total).toBe(0);
    expect(sandbox.calls).toHaveLength(0);
  });
});
