import { createPipelineRequest } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { RESOURCE_GROUP, resourceGroupId, siteId, storageAccount, storageAccountId, webApp } from '../fixtures/arm';
import { foreignCredential, raw, sdkClients } from './clients';

describe('ArmSandbox authentication', () => {
  it('answers 401 AuthenticationFailed when the Authorization header is missing', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    const response = await sandbox.httpClient.sendRequest(
      createPipelineRequest({ url: `${sandbox.endpoint}${storageAccountId()}?api-version=2025-08-01`, method: 'GET' }),
    );
    expect(response.status).toBe(401);
    expect(JSON.parse(response.bodyAsText ?? '')).toEqual({
      error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." },
    });
  });

  it('answers 401 InvalidAuthenticationToken to an SDK client holding another token, and changes nothing', async () => {
    const sandbox = new ArmSandbox({ estate: webApp({ httpsOnly: false }) });
    await expect(sdkClients(sandbox, foreignCredential).web.webApps.update(RESOURCE_GROUP, 'app-contoso', { httpsOnly: true })).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationToken',
    });
    expect(sandbox.get(siteId())).toMatchObject({ properties: { httpsOnly: false } });
    expect(sandbox.counts()).toMatchObject({ total: 1, byStatus: { 401: 1 } });
  });

  it('accepts the token its own credential hands out', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    const token = await sandbox.credential.getToken('https://management.azure.com/.default');
    const request = createPipelineRequest({ url: `${sandbox.endpoint}${storageAccountId()}?api-version=2025-08-01`, method: 'GET' });
    request.headers.set('authorization', `Bearer ${token?.token}`);
    expect((await sandbox.httpClient.sendRequest(request)).status).toBe(200);
  });
});

describe('ArmSandbox api-versions and routes', () => {
  it('answers 400 NoRegisteredProviderFound for an api-version the provider does not serve', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    const { status, json } = await raw(sandbox, 'GET', siteId(), { apiVersion: '2099-01-01' });
    expect(status).toBe(400);
    expect(json.error?.code).toBe('NoRegisteredProviderFound');
    expect(json.error?.message).toContain("API version '2099-01-01' for type 'sites'");
    expect(sandbox.calls[0]).toMatchObject({ status: 400, apiVersion: '2099-01-01', resourceType: 'Microsoft.Web/sites' });
  });

  it('answers 400 InvalidApiVersionParameter for resource groups, as ARM’s own namespace does', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    const { status, json } = await raw(sandbox, 'GET', resourceGroupId(), { apiVersion: '2099-01-01' });
    expect(status).toBe(400);
    expect(json.error?.code).toBe('InvalidApiVersionParameter');
  });

  it('answers 400 MissingApiVersionParameter when there is none', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    const { status, json } = await raw(sandbox, 'GET', siteId(), { apiVersion: null });
    expect(status).toBe(400);
    expect(json.error?.code).toBe('MissingApiVersionParameter');
  });

  it('accepts older published api-versions of a type', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    expect((await raw(sandbox, 'GET', siteId(), { apiVersion: '2023-12-01' })).status).toBe(200);
  });

  it('answers 400 InvalidResourceType for types no kind serves', async () => {
    const sandbox = new ArmSandbox({ estate: [] });
    const { status, json } = await raw(sandbox, 'GET', siteId().replace('Microsoft.Web/sites', 'Microsoft.Web/serverfarms'));
    expect(status).toBe(400);
    expect(json.error?.code).toBe('InvalidResourceType');
  });

  it('answers 400 for paths that are not resources', async () => {
    const sandbox = new ArmSandbox({ estate: [] });
    const { status, json } = await raw(sandbox, 'GET', '/subscriptions/00000000-0000-0000-0000-0000000000aa/providers/Microsoft.Web/sites');
    expect(status).toBe(400);
    expect(json.error?.code).toBe('InvalidRequestUri');
  });

  it('answers 405 to DELETE', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    const { status, json } = await raw(sandbox, 'DELETE', siteId());
    expect(status).toBe(405);
    expect(json.error?.code).toBe('MethodNotAllowed');
    expect(sandbox.get(siteId())).toBeDefined();
  });

  it('lets extra routes answer first, for Resource Graph and list endpoints', async () => {
    const sandbox = new ArmSandbox({ estate: webApp() });
    sandbox.addRoute((request, self) =>
      request.method === 'POST' && request.url.pathname === '/providers/Microsoft.ResourceGraph/resources'
        ? { status: 200, body: { count: [...self.objects()].length }, kind: 'read', resourceType: 'Microsoft.ResourceGraph/resources' }
        : undefined,
    );
    const { status, json } = await raw(sandbox, 'POST', '/providers/Microsoft.ResourceGraph/resources', { body: { query: 'resources' }, apiVersion: '2022-10-01' });
    expect(status).toBe(200);
    // The site, its config/web and the config/authsettingsV2 every site has.
    expect(json).toEqual({ count: 3 });
    expect(sandbox.calls[0]).toMatchObject({ kind: 'read', resourceType: 'Microsoft.ResourceGraph/resources' });
    expect((await raw(sandbox, 'GET', siteId())).status).toBe(200);
  });
});
