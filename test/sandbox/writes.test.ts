import { describe, expect, it } from 'vitest';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { RESOURCE_GROUP, redisCache, redisCacheId, siteId, storageAccount, storageAccountId, webApp } from '../fixtures/arm';
import { raw, sdkClients, wire } from './clients';

describe('ArmSandbox PATCH through the official SDK clients', () => {
  it('merges a site PATCH, answers the full resource and leaves other properties alone', async () => {
    const sandbox = new ArmSandbox({ estate: webApp({ httpsOnly: false, clientAffinityEnabled: false }) });
    const capture = wire();
    await sdkClients(sandbox).web.webApps.update(RESOURCE_GROUP, 'app-contoso', { httpsOnly: true }, capture.options);
    expect(capture.json()).toMatchObject({ id: siteId(), properties: { httpsOnly: true, clientAffinityEnabled: false } });
    const after = sandbox.get(siteId()) as { properties: Record<string, unknown> };
    expect(after.properties.httpsOnly).toBe(true);
    expect(after.properties.clientAffinityEnabled).toBe(false);
    expect(after.properties.hostNames).toEqual(['app-contoso.azurewebsites.net']);
  });

  it('records each write with its owner, target and the exact leaf paths it set', async () => {
    const sandbox = new ArmSandbox({ estate: webApp({}, { minTlsVersion: '1.0', ftpsState: 'AllAllowed', http20Enabled: true }) });
    await sdkClients(sandbox).web.webApps.updateConfiguration(RESOURCE_GROUP, 'app-contoso', { minTlsVersion: '1.2', ftpsState: 'FtpsOnly' });
    expect(sandbox.writes).toEqual([
      {
        id: siteId(),
        target: 'config/web',
        body: { properties: { minTlsVersion: '1.2', ftpsState: 'FtpsOnly' } },
        paths: ['properties.minTlsVersion', 'properties.ftpsState'],
      },
    ]);
    expect(sandbox.get(`${siteId()}/config/web`)).toMatchObject({ properties: { minTlsVersion: '1.2', ftpsState: 'FtpsOnly', http20Enabled: true } });
    expect(sandbox.counts()).toMatchObject({ writes: 1, reads: 0 });
  });

  it('keeps a site GET’s TLS fields null after config/web changes', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    const { web } = sdkClients(sandbox);
    await web.webApps.updateConfiguration(RESOURCE_GROUP, 'app-contoso', { minTlsVersion: '1.3' });
    const capture = wire();
    await web.webApps.get(RESOURCE_GROUP, 'app-contoso', capture.options);
    expect(capture.json()).toMatchObject({ properties: { siteConfig: { minTlsVersion: null } } });
  });

  it('writes the storage SDK’s enableHttpsTrafficOnly as supportsHttpsTrafficOnly', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' })] });
    await sdkClients(sandbox).storage.storageAccounts.update(RESOURCE_GROUP, 'stcontoso001', { enableHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2' });
    expect(sandbox.writes[0].paths).toEqual(['properties.supportsHttpsTrafficOnly', 'properties.minimumTlsVersion']);
    expect(sandbox.get(storageAccountId())).toMatchObject({ properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false } });
  });

  it('completes a Redis update through beginUpdateAndWait, polling the async operation', async () => {
    const sandbox = new ArmSandbox({ estate: [redisCache({ enableNonSslPort: true, minimumTlsVersion: '1.0' })], lroPolls: 3 });
    await sdkClients(sandbox).redis.redis.beginUpdateAndWait(
      RESOURCE_GROUP,
      'redis-contoso',
      { enableNonSslPort: false, minimumTlsVersion: '1.2' },
      { updateIntervalInMs: 1 },
    );
    expect(sandbox.get(redisCacheId())).toMatchObject({ properties: { enableNonSslPort: false, minimumTlsVersion: '1.2', provisioningState: 'Succeeded' } });
    // Three running polls, the one that reports Succeeded, then the final GET of Location, which for
    // Redis_Update is the same asyncOperations monitor (see the next test), not the cache.
    expect(sandbox.calls.map((c) => `${c.method} ${c.kind}`)).toEqual([
      'PATCH write',
      'GET poll',
      'GET poll',
      'GET poll',
      'GET poll',
      'GET poll',
    ]);
    expect(sandbox.counts()).toMatchObject({ writes: 1, polls: 5, reads: 0 });
  });

  it('shows a Redis cache as Updating while its operation runs', async () => {
    const sandbox = new ArmSandbox({ estate: [redisCache({ enableNonSslPort: true })] });
    const poller = await sdkClients(sandbox).redis.redis.beginUpdate(RESOURCE_GROUP, 'redis-contoso', { enableNonSslPort: false }, { updateIntervalInMs: 1 });
    expect(sandbox.get(redisCacheId())).toMatchObject({ properties: { provisioningState: 'Updating', enableNonSslPort: false } });
    await poller.pollUntilDone();
    expect(sandbox.get(redisCacheId())).toMatchObject({ properties: { provisioningState: 'Succeeded' } });
  });

  it("announces a long-running PATCH with the provider's own monitor URLs and a 202 without body", async () => {
    const sandbox = new ArmSandbox({ estate: [redisCache({ enableNonSslPort: true })] });
    const result = await sdkClients(sandbox).redis.redis.beginUpdateAndWait(RESOURCE_GROUP, 'redis-contoso', { enableNonSslPort: false }, { updateIntervalInMs: 1 });
    const calls = sandbox.calls.map((c) => `${c.kind} ${c.method} ${c.path}`);
    // Microsoft.Cache: the monitor is under the subscription, with the location's display name.
    expect(calls[0].toLowerCase()).toBe(`write PATCH ${redisCacheId()}`.toLowerCase());
    expect(calls.slice(1).every((c) => /^poll GET \/subscriptions\/[^/]+\/providers\/Microsoft\.Cache\/locations\/West%20Europe\/asyncOperations\/[0-9a-f-]+$/.test(c)), calls.join('\n')).toBe(true);
    // The SDK's final GET goes to Location, which is that monitor again: what beginUpdateAndWait
    // resolves to is the operation status, not the cache (a caller must read the cache back).
    expect(result).toMatchObject({ status: 'Succeeded' });
    expect(result.id).toMatch(/\/asyncOperations\//);
    expect(result.hostName).toBeUndefined();
    expect(sandbox.get(redisCacheId())).toMatchObject({ properties: { enableNonSslPort: false } });
  });

  it('puts the asyncOperations monitor in both Azure-AsyncOperation and Location of a Redis PATCH, like Azure', async () => {
    // Azure/azure-cli src/azure-cli/azure/cli/command_modules/redis/tests/latest/recordings/test_redis_cache_update.yaml
    // (api 2024-11-01, recorded 2025-01-22): the PATCH answers 202 with azure-asyncoperation and location both
    // https://management.azure.com/subscriptions/{s}/providers/Microsoft.Cache/locations/West%20Europe/asyncOperations/{id}?api-version=2024-11-01&…
    // Only the create (PUT, 201) names the cache itself in Location.
    const sandbox = new ArmSandbox({ estate: [redisCache({ enableNonSslPort: true })] });
    const { status, headers } = await raw(sandbox, 'PATCH', redisCacheId(), { body: { properties: { enableNonSslPort: false } }, apiVersion: '2024-11-01' });
    expect(status).toBe(202);
    const monitor = headers.get('azure-asyncoperation') ?? '';
    expect(new URL(monitor).pathname).toMatch(/^\/subscriptions\/[^/]+\/providers\/Microsoft\.Cache\/locations\/West%20Europe\/asyncOperations\/[0-9a-f-]+$/);
    expect(new URL(monitor).searchParams.get('api-version')).toBe('2024-11-01');
    expect(headers.get('location')).toBe(monitor);
  });

  it('merges nested objects key by key', async () => {
    const sandbox = new ArmSandbox({ estate: [redisCache()] });
    const { redis } = sdkClients(sandbox);
    await redis.redis.beginUpdateAndWait(RESOURCE_GROUP, 'redis-contoso', { redisConfiguration: { maxmemoryPolicy: 'volatile-lru' } }, { updateIntervalInMs: 1 });
    expect(sandbox.writes[0].paths).toEqual(['properties.redisConfiguration.maxmemory-policy']);
    expect(sandbox.get(redisCacheId())).toMatchObject({
      properties: { redisConfiguration: { maxclients: '7500', 'maxmemory-policy': 'volatile-lru' } },
    });
  });
});

describe('ArmSandbox refuses requests Azure would refuse', () => {
  it('refuses PUT with 405 and says transit-warden never uses full PUTs', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    await expect(sdkClients(sandbox).web.webApps.createOrUpdate(RESOURCE_GROUP, 'app-contoso', { location: 'West Europe' })).rejects.toMatchObject({
      statusCode: 405,
      message: expect.stringContaining('never sends full PUTs'),
    });
    expect(sandbox.writes).toHaveLength(0);
  });

  it('refuses properties not wrapped in "properties" with 400 InvalidRequestContent', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    const { status, json } = await raw(sandbox, 'PATCH', siteId(), { body: { httpsOnly: true } });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 'InvalidRequestContent', message: expect.stringContaining('wrapped in "properties"') });
    expect(sandbox.get(siteId())).toMatchObject({ properties: { httpsOnly: false } });
  });

  it('refuses a body that is not a JSON object', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    const { status, json } = await raw(sandbox, 'PATCH', siteId(), { body: '[1,2]' });
    expect(status).toBe(400);
    expect(json.error?.code).toBe('InvalidRequestContent');
  });

  it('refuses writes to read-only properties with 400', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    const { status, json } = await raw(sandbox, 'PATCH', storageAccountId(), {
      body: { properties: { primaryEndpoints: { blob: 'http://evil.example/' } } },
      apiVersion: '2025-08-01',
    });
    expect(status).toBe(400);
    expect(json.error?.message).toContain("'properties.primaryEndpoints' of Microsoft.Storage/storageAccounts is read-only");
  });

  it('refuses values outside the REST spec’s enum with 400 InvalidRequestPropertyValue', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    await expect(
      sdkClients(sandbox).web.webApps.updateConfiguration(RESOURCE_GROUP, 'app-contoso', { minTlsVersion: '1.5' }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'InvalidRequestPropertyValue' });
    expect(sandbox.writes).toHaveLength(0);
  });

  it('refuses a storage minimumTlsVersion spelled the App Service way', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount({ minimumTlsVersion: 'TLS1_0' })] });
    await expect(
      sdkClients(sandbox).storage.storageAccounts.update(RESOURCE_GROUP, 'stcontoso001', { minimumTlsVersion: '1.2' }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'InvalidRequestPropertyValue', message: expect.stringContaining('"TLS1_2"') });
    expect(sandbox.get(storageAccountId())).toMatchObject({ properties: { minimumTlsVersion: 'TLS1_0' } });
  });

  it('refuses a string where the spec wants a boolean', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    const { status, json } = await raw(sandbox, 'PATCH', siteId(), { body: { properties: { httpsOnly: 'true' } } });
    expect(status).toBe(400);
    expect(json.error?.message).toContain("'properties.httpsOnly' of Microsoft.Web/sites: it must be a boolean");
  });

  it('refuses properties it does not know for the type, which ARM would silently drop', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    const { status, json } = await raw(sandbox, 'PATCH', siteId(), { body: { properties: { httpOnly: true } } });
    expect(status).toBe(400);
    expect(json.error?.message).toContain("'properties.httpOnly' is not a property the sandbox knows");
  });

  it('accepts tags in a PATCH and replaces the whole tag set, as ARM does', async () => {
    const sandbox = new ArmSandbox({ estate: webApp({}, {}, { tags: { a: '1', b: '2' } }) });
    const { status } = await raw(sandbox, 'PATCH', siteId(), { body: { tags: { c: '3' } } });
    expect(status).toBe(200);
    expect(sandbox.get(siteId())?.tags).toEqual({ c: '3' });
  });
});
