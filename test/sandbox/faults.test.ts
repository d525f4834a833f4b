import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/controls/types';
import { isWardenError } from '../../src/errors';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { RESOURCE_GROUP, redisCache, redisCacheId, siteId, storageAccount, storageAccountId, webApp } from '../fixtures/arm';
import { raw, sdkClients } from './clients';

describe('ArmSandbox fault injection', () => {
  it('throttles with 429 TooManyRequests and Retry-After, and the SDK retries to success', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    sandbox.faults.throttle({ times: 2, retryAfterSeconds: 0 });
    const account = await sdkClients(sandbox).storage.storageAccounts.getProperties(RESOURCE_GROUP, 'stcontoso001');
    expect(account.name).toBe('stcontoso001');
    expect(sandbox.calls.map((c) => c.status)).toEqual([429, 429, 200]);
    expect(sandbox.counts().byStatus).toEqual({ 200: 1, 429: 2 });
  });

  it('puts Retry-After and ARM’s error body on the 429', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    sandbox.faults.throttle({ times: 10, retryAfterSeconds: 0 });
    const { status, headers, json } = await raw(sandbox, 'GET', storageAccountId(), { apiVersion: '2025-08-01' });
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('0');
    expect(json.error?.code).toBe('TooManyRequests');
  });

  it('throttles only the requests its match selects', async () => {
    const sandbox = new ArmSandbox({ estate: webApp({ httpsOnly: false }) });
    sandbox.faults.throttle({ times: 1, match: (r) => r.method === 'PATCH' });
    const { web } = sdkClients(sandbox);
    await web.webApps.get(RESOURCE_GROUP, 'app-contoso');
    await web.webApps.update(RESOURCE_GROUP, 'app-contoso', { httpsOnly: true });
    expect(sandbox.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'PATCH 429', 'PATCH 200']);
    expect(sandbox.writes).toHaveLength(1);
  });

  it('fails with 5xx and the SDK retries past it', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    sandbox.faults.serverError({ times: 1 }).serverError({ times: 1, status: 503, retryAfterSeconds: 0 });
    await sdkClients(sandbox).storage.storageAccounts.getProperties(RESOURCE_GROUP, 'stcontoso001');
    expect(sandbox.calls.map((c) => c.status)).toEqual([500, 503, 200]);
  });

  it('surfaces a 5xx that outlasts the SDK’s retries', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    sandbox.faults.serverError({ times: 10, status: 503 });
    await expect(sdkClients(sandbox).storage.storageAccounts.getProperties(RESOURCE_GROUP, 'stcontoso001')).rejects.toMatchObject({
      statusCode: 503,
      code: 'ServiceUnavailable',
    });
  });

  it('deletes the resource between read and write: the PATCH gets 404 ResourceNotFound', async () => {
    const sandbox = new ArmSandbox({ estate: webApp({ httpsOnly: false }) });
    sandbox.faults.deleteBeforeWrite(siteId());
    const { web } = sdkClients(sandbox);
    await web.webApps.get(RESOURCE_GROUP, 'app-contoso');
    await expect(web.webApps.update(RESOURCE_GROUP, 'app-contoso', { httpsOnly: true })).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    expect(sandbox.get(siteId())).toBeUndefined();
    expect(sandbox.get(`${siteId()}/config/web`)).toBeUndefined();
    expect(sandbox.writes).toHaveLength(0);
  });

  it('lets another writer change the resource just before the PATCH, and the merge keeps that change', async () => {
    const sandbox = new ArmSandbox({ estate: webApp({}, { minTlsVersion: '1.0', http20Enabled: false }) });
    sandbox.faults.mutateBeforeWrite(`${siteId()}/config/web`, (config) => {
      (config.properties as JsonObject).http20Enabled = true;
    });
    await sdkClients(sandbox).web.webApps.updateConfiguration(RESOURCE_GROUP, 'app-contoso', { minTlsVersion: '1.2' });
    expect(sandbox.get(`${siteId()}/config/web`)).toMatchObject({ properties: { minTlsVersion: '1.2', http20Enabled: true } });
    expect(sandbox.faults.pending).toBe(0);
  });

  it('adds latency to every response', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()], latencyMs: 25 });
    const started = performance.now();
    await sdkClients(sandbox).storage.storageAccounts.getProperties(RESOURCE_GROUP, 'stcontoso001');
    expect(performance.now() - started).toBeGreaterThanOrEqual(20);
  });

  it('keeps the latency it was built with across clearFaults, and drops queued faults', async () => {
    let asked = 0;
    const sandbox = new ArmSandbox({ estate: [storageAccount()], latencyMs: () => (asked += 1, 0) });
    sandbox.faults.throttle({ times: 5 });
    sandbox.clearFaults();
    expect(sandbox.faults.pending).toBe(0);
    await sdkClients(sandbox).storage.storageAccounts.getProperties(RESOURCE_GROUP, 'stcontoso001');
    expect(sandbox.calls.map((c) => c.status)).toEqual([200]);
    expect(asked).toBe(1);
  });

  it('throttles long-running operation polls too, and the SDK still completes', async () => {
    const sandbox = new ArmSandbox({ estate: [redisCache({ enableNonSslPort: true })] });
    sandbox.faults.throttle({ times: 1, match: (r) => r.path.includes('/asyncOperations/') });
    const operation = await sdkClients(sandbox).redis.redis.beginUpdateAndWait(RESOURCE_GROUP, 'redis-contoso', { enableNonSslPort: false }, { updateIntervalInMs: 1 });
    // Redis_Update ends with a GET of its Location, the asyncOperations monitor (see writes.test.ts).
    expect(operation).toMatchObject({ status: 'Succeeded' });
    expect(sandbox.get(redisCacheId())).toMatchObject({ properties: { enableNonSslPort: false } });
    expect(sandbox.calls.map((c) => c.kind)).toEqual(['write', 'poll', 'poll', 'poll', 'poll']);
    expect(sandbox.calls.map((c) => c.status).slice(0, 2)).toEqual([202, 429]);
  });

  it('refuses bad fault options when they are given, not mid-request', () => {
    const sandbox = new ArmSandbox();
    expect(() => sandbox.faults.throttle({ times: 0 })).toThrow(/times/);
    expect(() => sandbox.faults.serverError({ status: 404 })).toThrow(/500, 502, 503 or 504/);
    try {
      sandbox.faults.latency(-1);
      expect.unreachable('negative latency must be refused');
    } catch (err) {
      expect(isWardenError(err, 'INVALID_INPUT')).toBe(true);
    }
  });
});
