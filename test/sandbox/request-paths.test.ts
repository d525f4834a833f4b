import { createHttpHeaders, createPipelineRequest, type HttpMethods, type PipelineResponse } from '@azure/core-rest-pipeline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArmObject } from '../../src/controls/types';
import { ArmSandbox, SANDBOX_TOKEN, type ArmSandboxOptions } from '../../src/sandbox/arm-sandbox';
import { serverRestartRoute } from '../../src/sandbox/server-restart-route';
import { addStandardRoutes } from '../../src/sandbox/standard-routes';
import { redisCache, redisCacheId, site, siteConfig, siteId, slot, SUBSCRIPTION_ID, webApp } from '../fixtures/arm';
import { mysqlFlexibleServer, mysqlFlexibleServerId } from '../fixtures/arm-databases-messaging';

const WEB = '2024-04-01';
const GROUPS = '2024-03-01';
const MYSQL = '2023-12-30';

/** A sandbox as the CLI, demo and benchmarks build it: every standard route installed. */
function standardSandbox(estate: ArmObject[], options: ArmSandboxOptions = {}): ArmSandbox {
  const sandbox = new ArmSandbox({ estate, ...options });
  addStandardRoutes(sandbox);
  return sandbox;
}

/** One hand-made request straight into the sandbox's HttpClient, path sent exactly as written. */
function send(sandbox: ArmSandbox, method: HttpMethods, path: string, apiVersion: string, body?: unknown): Promise<PipelineResponse> {
  const request = createPipelineRequest({
    url: `${sandbox.endpoint}${path}?api-version=${apiVersion}`,
    method,
    headers: createHttpHeaders({ authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json' }),
  });
  if (body !== undefined) request.body = JSON.stringify(body);
  return sandbox.httpClient.sendRequest(request);
}

function json(response: PipelineResponse): { error?: { code?: string; message?: string }; [key: string]: unknown } {
  return response.bodyAsText ? (JSON.parse(response.bodyAsText) as { error?: { code?: string; message?: string } }) : {};
}

const SUB = `/subscriptions/${SUBSCRIPTION_ID}`;

describe('ArmSandbox: malformed percent-escapes in the request path', () => {
  it.each([
    ['GET', `${SUB}/resourceGroups/%zz/providers/Microsoft.Web/sites/app-contoso`],
    ['GET', `${SUB}/resourceGroups/rg-transit-warden/providers/Microsoft.Web/sites/app%`],
    ['GET', `${SUB}/resourceGroups/rg-transit-warden/providers/Microsoft.Web/sites/app%C3%28`],
    ['PATCH', `${SUB}/resourceGroups/%zz/providers/Microsoft.Web/sites/app-contoso`],
    ['POST', `${SUB}/resourceGroups/%zz/providers/Microsoft.DBforMySQL/flexibleServers/mysql-contoso/restart`],
    ['GET', `${SUB}/providers/Microsoft.Web/%zz`],
    ['POST', '/providers/Microsoft.ResourceGraph/resources%zz'],
  ] as [HttpMethods, string][])('answers %s %s with 400 InvalidRequestUri in ARM’s error shape, and does not throw', async (method, path) => {
    const sandbox = standardSandbox([...webApp(), mysqlFlexibleServer()]);
    const response = await send(sandbox, method, path, WEB, method === 'GET' ? undefined : { properties: {} });
    expect(response.status).toBe(400);
    const body = json(response);
    expect(body).toEqual({ error: { code: 'InvalidRequestUri', message: expect.any(String) } });
    expect(body.error?.message).toContain(path);
    expect(sandbox.calls).toEqual([expect.objectContaining({ method, path, status: 400, resourceType: null })]);
    expect(sandbox.writes).toHaveLength(0);
  });

  it('answers 400 as well under a role, with a pending operation, and with no extra routes', async () => {
    const path = `${SUB}/resourceGroups/%zz/providers/Microsoft.Web/sites/app-contoso`;
    const withRole = standardSandbox([...webApp(), redisCache()], { role: ['Microsoft.Cache/redis/write'] });
    expect((await send(withRole, 'PATCH', redisCacheId(), '2024-11-01', { properties: { minimumTlsVersion: '1.2' } })).status).toBe(202);
    const answered = await send(withRole, 'GET', path, WEB);
    expect(answered.status).toBe(400);
    expect(json(answered).error?.code).toBe('InvalidRequestUri');
    // A malformed URI is refused before authorisation: no action is derived from it.
    expect(withRole.denied).toHaveLength(0);

    const bare = new ArmSandbox({ estate: webApp() });
    const response = await send(bare, 'GET', path, WEB);
    expect(response.status).toBe(400);
    expect(json(response).error?.code).toBe('InvalidRequestUri');
  });

  it('still answers valid requests after a malformed one', async () => {
    const sandbox = standardSandbox(webApp());
    expect((await send(sandbox, 'GET', `${SUB}/resourceGroups/%zz`, GROUPS)).status).toBe(400);
    expect((await send(sandbox, 'GET', siteId(), WEB)).status).toBe(200);
  });
});

describe('ArmSandbox: an encoded slash (%2F) stays inside its segment', () => {
  it('does not let a resource group name reach a resource below it', async () => {
    const sandbox = standardSandbox(webApp());
    const response = await send(sandbox, 'GET', `${SUB}/resourceGroups/rg-transit-warden%2Fproviders%2FMicrosoft.Web%2Fsites%2Fapp-contoso`, GROUPS);
    expect(response.status).toBe(404);
    expect(json(response).error).toMatchObject({ code: 'ResourceGroupNotFound', message: "Resource group 'rg-transit-warden/providers/Microsoft.Web/sites/app-contoso' could not be found." });
  });

  it('does not let a site name reach its config/web document, for GET or PATCH', async () => {
    const sandbox = standardSandbox(webApp({}, { ftpsState: 'AllAllowed' }));
    const path = `${siteId()}%2Fconfig%2Fweb`;
    const read = await send(sandbox, 'GET', path, WEB);
    expect(read.status).toBe(404);
    expect(json(read).error).toMatchObject({ code: 'ResourceNotFound' });
    expect(json(read).error?.message).toContain("'Microsoft.Web/sites/app-contoso/config/web'");

    const write = await send(sandbox, 'PATCH', path, WEB, { properties: { ftpsState: 'FtpsOnly' } });
    expect(write.status).toBe(404);
    expect(sandbox.writes).toHaveLength(0);
    expect(sandbox.get(`${siteId()}/config/web`)?.properties).toMatchObject({ ftpsState: 'AllAllowed' });
  });

  it('does not let a list of children reach into another resource', async () => {
    const sandbox = standardSandbox([site(), slot(), siteConfig({}, { slot: 'staging' })]);
    const listed = await send(sandbox, 'GET', `${siteId()}/slots`, WEB);
    expect(json(listed).value).toHaveLength(1);
    const smuggled = await send(sandbox, 'GET', `${siteId()}%2Fslots/slots`, WEB);
    expect(smuggled.status).toBe(200);
    expect(json(smuggled).value).toEqual([]);
  });

  it('does not let a server name reach one of its configurations through the restart route', async () => {
    const sandbox = new ArmSandbox({ estate: [mysqlFlexibleServer()] });
    const restart = serverRestartRoute();
    sandbox.addRoute(restart.route);
    const response = await send(sandbox, 'POST', `${mysqlFlexibleServerId()}%2Fconfigurations%2Ftls_version/restart`, MYSQL, {});
    expect(response.status).toBe(404);
    expect(json(response).error?.code).toBe('ResourceNotFound');
    expect(restart.restarts).toHaveLength(0);
  });

  it('does not make a namespace or type out of an encoded slash', async () => {
    const sandbox = standardSandbox(webApp());
    for (const path of [`${SUB}/resourceGroups/rg-transit-warden/providers/Microsoft.Web%2Fsites/app-contoso`, `${SUB}/providers/Microsoft.Web%2Fsites/slots`]) {
      const response = await send(sandbox, 'GET', path, WEB);
      expect(response.status, path).toBe(400);
      expect(json(response).error?.code, path).toBe('InvalidRequestUri');
    }
  });

  it('treats a doubly-encoded slash (%252F) as a literal %2F in the name, the same at every layer', async () => {
    const sandbox = standardSandbox(webApp(), { role: ['Microsoft.Web/sites/read'] });
    const response = await send(sandbox, 'GET', `${siteId()}%252Fconfig%252Fweb`, WEB);
    expect(response.status).toBe(404);
    expect(json(response).error?.message).toContain("'Microsoft.Web/sites/app-contoso%2Fconfig%2Fweb'");
    expect(sandbox.denied).toHaveLength(0);
  });
});

describe('ArmSandbox: every layer reads the same decoded path', () => {
  it('serves a resource whose name needs encoding through ARM GET, the list route and the restart route alike', async () => {
    const name = 'mysql-ü';
    const sandbox = standardSandbox([site({}, { name: 'app-ü' }), mysqlFlexibleServer({}, { name })]);
    const encoded = encodeURIComponent(name);
    expect((await send(sandbox, 'GET', siteId(encodeURIComponent('app-ü')), WEB)).status).toBe(200);
    expect((await send(sandbox, 'GET', mysqlFlexibleServerId(encoded), MYSQL)).status).toBe(200);
    const restarted = await send(sandbox, 'POST', `${mysqlFlexibleServerId(encoded)}/restart`, MYSQL, {});
    expect(restarted.status).toBe(202);
    const monitor = restarted.headers.get('azure-asyncoperation');
    expect(monitor).toBeDefined();
    expect(sandbox.calls.map((c) => [c.method, c.status, c.kind])).toEqual([
      ['GET', 200, 'read'],
      ['GET', 200, 'read'],
      ['POST', 202, 'write'],
    ]);
  });

  it('routes Resource Graph by the decoded path, as the role check does', async () => {
    const sandbox = standardSandbox(webApp(), { role: ['Microsoft.ResourceGraph/resources/read'] });
    const response = await send(sandbox, 'POST', '/providers/Microsoft.ResourceGraph/resource%73', '2021-03-01', {
      subscriptions: [SUBSCRIPTION_ID],
      query: "resources | where type in~ ('microsoft.web/sites') | project id | order by id asc",
    });
    expect(response.status).toBe(200);
    expect(json(response)).toMatchObject({ count: 1, data: [{ id: siteId() }] });
  });

  describe('decodes each request path once', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('decodes every encoded segment once per request, whatever routes, role and operations are in play', async () => {
      // The worst case before: a pending operation, a role and the list route each decoded the path again.
      const sandbox = standardSandbox([site({}, { name: 'app-ü' }), site({}, { name: 'app-other' }), redisCache()], {
        role: ['Microsoft.Web/sites/read', 'Microsoft.Cache/redis/write'],
      });
      expect((await send(sandbox, 'PATCH', redisCacheId(), '2024-11-01', { properties: { minimumTlsVersion: '1.2' } })).status).toBe(202);

      const decode = vi.spyOn(globalThis, 'decodeURIComponent');
      const response = await send(sandbox, 'GET', siteId('app-%C3%BC'), WEB);
      expect(response.status).toBe(200);
      const decoded = decode.mock.calls.map(([text]) => text);
      // Only the one encoded segment needs decoding, and it is decoded once.
      expect(decoded.filter((text) => text.includes('%'))).toEqual(['app-%C3%BC']);
      expect(decoded.filter((text) => text === 'app-%C3%BC')).toHaveLength(1);
    });
  });
});
