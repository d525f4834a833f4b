import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { WebResource } from '@azure/ms-rest-js';
import { describe, expect, it } from 'vitest';
import { ListSource } from '../../src/azure/list-source';
import { msRestHttpClient } from '../../src/azure/ms-rest-bridge';
import {
  ResourceGraphSource, camelCaseKeys, configRow, graphQueriesFor, parseResetsAfter, parseRetryAfter,
} from '../../src/azure/resource-graph';
import { defineControl, fail, pass, type ArmObject, type ControlDefinition } from '../../src/controls/types';
import { isWardenError } from '../../src/errors';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { GRAPH_RESOURCE_TYPE, armListRoute, resourceGraphRoute } from '../../src/sandbox/resource-graph-route';
import {
  OTHER_SUBSCRIPTION_ID, SUBSCRIPTION_ID, redisCache, site, siteConfig, siteId, slot, storageAccount, storageAccountId, webApp,
} from '../fixtures/arm';

const doc = { why: 'test', fix: 'test', sideEffects: 'none', exemptWhen: 'never' };
/** A small catalog of the shapes the real one has: a self control, a config/web control, Redis. */
const CATALOG: ControlDefinition[] = [
  defineControl({
    id: 'test-storage-https', title: 't', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [], resourceTypes: ['Microsoft.Storage/storageAccounts'], target: 'self', permissions: [],
    defaultMode: 'report', doc, evaluate: (sa) => ((sa.properties as { supportsHttpsTrafficOnly?: boolean })?.supportsHttpsTrafficOnly ? pass() : fail('properties.supportsHttpsTrafficOnly', null, true)),
  }),
  defineControl({
    id: 'test-site-tls', title: 't', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [], resourceTypes: ['Microsoft.Web/sites', 'Microsoft.Web/sites/slots'], target: 'config/web', permissions: [],
    defaultMode: 'report', doc, evaluate: (config) => ((config.properties as { minTlsVersion?: string })?.minTlsVersion === '1.2' ? pass() : fail('properties.minTlsVersion', null, '1.2')),
  }),
  defineControl({
    id: 'test-redis-ssl', title: 't', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [], resourceTypes: ['Microsoft.Cache/Redis'], target: 'self', permissions: [],
    defaultMode: 'report', doc, evaluate: () => pass(),
  }),
];

function graphSandbox(estate: ArmObject[]): ArmSandbox {
  const sandbox = new ArmSandbox({ estate });
  sandbox.addRoute(resourceGraphRoute(sandbox));
  return sandbox;
}

function source(sandbox: ArmSandbox, options: Partial<ConstructorParameters<typeof ResourceGraphSource>[0]> = {}): ResourceGraphSource & { waits: number[] } {
  const waits: number[] = [];
  const graph = new ResourceGraphSource({
    credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint,
    subscriptions: [SUBSCRIPTION_ID], catalog: CATALOG, sleep: async (ms) => void waits.push(ms), ...options,
  });
  return Object.assign(graph, { waits });
}

async function collect(rows: AsyncIterable<ArmObject>): Promise<ArmObject[]> {
  const out: ArmObject[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

const graphCalls = (sandbox: ArmSandbox) => sandbox.calls.filter((c) => c.resourceType === GRAPH_RESOURCE_TYPE);

describe('ms-rest bridge', () => {
  it('carries method, url, headers and body to a core-rest-pipeline client and maps the response back', async () => {
    let seen: PipelineRequest | undefined;
    const core: HttpClient = {
      sendRequest: async (request) => {
        seen = request;
        return { request, status: 201, headers: createHttpHeaders({ 'x-ms-user-quota-remaining': '7' }), bodyAsText: '{"ok":true}' };
      },
    };
    const resource = new WebResource('https://management.sandbox.local/x?api-version=1', 'POST', '{"a":1}', undefined, { authorization: 'Bearer t' });
    const response = await msRestHttpClient(core).sendRequest(resource);

    expect(seen).toMatchObject({ url: 'https://management.sandbox.local/x?api-version=1', method: 'POST', body: '{"a":1}' });
    expect(seen?.headers.get('authorization')).toBe('Bearer t');
    expect(response.status).toBe(201);
    expect(response.headers.get('x-ms-user-quota-remaining')).toBe('7');
    expect(response.bodyAsText).toBe('{"ok":true}');
    expect(response.request).toBe(resource);
  });

  it('refuses a request body that is not a string rather than sending it half-formed', async () => {
    const core: HttpClient = { sendRequest: async () => { throw new Error('must not be called'); } };
    const resource = new WebResource('https://x.local/', 'POST', { a: 1 });
    await expect(msRestHttpClient(core).sendRequest(resource)).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
  });
});

describe('Resource Graph queries', () => {
  it('runs one query over appserviceresources for config/web, then one over resources with every covered type', () => {
    expect(graphQueriesFor(CATALOG).map((q) => q.text)).toEqual([
      "appserviceresources | where type in~ ('microsoft.web/sites/config','microsoft.web/sites/slots/config') | project id, name, type, kind, location, tags, properties | order by id asc",
      "resources | where type in~ ('microsoft.cache/redis','microsoft.storage/storageaccounts','microsoft.web/sites','microsoft.web/sites/slots') | project id, name, type, kind, location, tags, properties | order by id asc",
    ]);
  });

  it('sends each query once for a small estate, logged by the sandbox as Resource Graph reads', async () => {
    const sandbox = graphSandbox([storageAccount(), ...webApp(), redisCache()]);
    const graph = source(sandbox);
    const rows = await collect(graph.rows());

    expect(graph.queriesMade).toBe(2);
    expect(graphCalls(sandbox)).toHaveLength(2);
    expect(graphCalls(sandbox).every((c) => c.kind === 'read' && c.method === 'POST' && c.apiVersion === '2021-03-01' && c.status === 200)).toBe(true);
    expect(rows.map((r) => String(r.id).toLowerCase()).sort()).toEqual(
      [storageAccountId(), siteId(), `${siteId()}/config/web`, `${siteId()}/config/authsettingsV2`, redisCache().id as string].map((id) => id.toLowerCase()).sort(),
    );
    expect(sandbox.counts().writes).toBe(0);
  });

  it('pages by skip token at the page size, in id order, without losing or repeating a row', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `st${String(i).padStart(3, '0')}`);
    const sandbox = graphSandbox(names.map((name) => storageAccount({}, { name })));
    const graph = source(sandbox, { pageSize: 10, catalog: [CATALOG[0]] });
    const rows = await collect(graph.rows());

    expect(graph.queriesMade).toBe(3);
    expect(rows.map((r) => r.name)).toEqual(names);
  });

  it('refuses page sizes above the 1,000 rows Graph allows', () => {
    const sandbox = graphSandbox([]);
    expect(() => source(sandbox, { pageSize: 1001 })).toThrow(/page size/);
  });

  it('queries only the subscriptions it was given', async () => {
    const sandbox = graphSandbox([
      storageAccount({}, { name: 'stmine' }),
      storageAccount({}, { name: 'sttheirs', subscriptionId: OTHER_SUBSCRIPTION_ID }),
    ]);
    const rows = await collect(source(sandbox, { catalog: [CATALOG[0]] }).rows());
    expect(rows.map((r) => r.name)).toEqual(['stmine']);

    const both = await collect(source(sandbox, { catalog: [CATALOG[0]], subscriptions: [SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID] }).rows());
    expect(both.map((r) => r.name).sort()).toEqual(['stmine', 'sttheirs']);
  });

  it('normalises the PascalCase config properties of appserviceresources to the wire names controls read', async () => {
    const sandbox = graphSandbox(webApp({}, { minTlsVersion: '1.0', ftpsState: 'FtpsOnly' }));
    const rows = await collect(source(sandbox).rows());
    const config = rows.find((r) => /\/config\/web$/i.test(String(r.id)));

    expect(config?.properties).toMatchObject({ minTlsVersion: '1.0', ftpsState: 'FtpsOnly', scmMinTlsVersion: '1.2' });
    expect(config?.properties).not.toHaveProperty('MinTlsVersion');
  });

  it('keeps an existing camelCase key over its PascalCase twin and leaves nested objects alone', () => {
    expect(camelCaseKeys({ MinTlsVersion: '1.0', minTlsVersion: '1.2', IpSecurityRestrictions: [{ IpAddress: 'Any' }] })).toEqual({
      minTlsVersion: '1.2', ipSecurityRestrictions: [{ IpAddress: 'Any' }],
    });
  });

  it('drops a config row it cannot read, so the site is left to the engine rather than judged on it', () => {
    const id = `${siteId()}/config/web`;
    expect(configRow({ id, type: 'microsoft.web/sites/config', properties: null })).toBeUndefined();
    expect(configRow({ id: `${siteId()}/config/appsettings`, type: 'microsoft.web/sites/config', properties: {} })).toBeUndefined();
    expect(configRow({ type: 'microsoft.web/sites/config', properties: {} })).toBeUndefined();
    expect(configRow({ id, type: 'microsoft.web/sites/config', properties: { FtpsState: 'Disabled' } })?.properties).toEqual({ ftpsState: 'Disabled' });
  });

  it('waits for Retry-After on a 429 and then succeeds', async () => {
    const sandbox = graphSandbox([storageAccount()]);
    sandbox.faults.throttle({ times: 1, retryAfterSeconds: 2, match: (r) => /resourcegraph/i.test(r.path) });
    const graph = source(sandbox, { catalog: [CATALOG[0]] });
    const rows = await collect(graph.rows());

    expect(rows).toHaveLength(1);
    expect(graph.waits).toEqual([2000]);
    expect(graph.queriesMade).toBe(2);
    // Injected faults answer before any route, so the log knows the 429 by its path only.
    expect(sandbox.calls.filter((c) => /resourcegraph/i.test(c.path)).map((c) => c.status)).toEqual([429, 200]);
  });

  it('waits for x-ms-user-quota-resets-after when a 429 carries no Retry-After', async () => {
    // Routes answer in the order added: the throttling one goes first.
    const ordered = new ArmSandbox({ estate: [storageAccount()] });
    let first = true;
    ordered.addRoute(() => {
      if (!first) return undefined;
      first = false;
      return { status: 429, body: { error: { code: 'RateLimiting', message: 'throttled' } }, headers: { 'x-ms-user-quota-resets-after': '00:00:03.5' } };
    });
    ordered.addRoute(resourceGraphRoute(ordered));
    const graph = source(ordered, { catalog: [CATALOG[0]] });
    expect(await collect(graph.rows())).toHaveLength(1);
    expect(graph.waits).toEqual([3500]);
  });

  it('waits before the next query when the last answer said the quota is spent', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount({}, { name: 'stone' }), storageAccount({}, { name: 'sttwo' })] });
    const graphRoute = resourceGraphRoute(sandbox);
    sandbox.addRoute(async (request) => {
      const reply = await graphRoute(request, sandbox);
      return reply && { ...reply, headers: { 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': '00:00:01' } };
    });
    const graph = source(sandbox, { catalog: [CATALOG[0]], pageSize: 1 });
    await collect(graph.rows());
    // Two pages: the second waits for the window the first one exhausted.
    expect(graph.queriesMade).toBe(2);
    expect(graph.waits).toEqual([1000]);
  });

  it('gives up with THROTTLED when Graph keeps answering 429', async () => {
    const sandbox = graphSandbox([storageAccount()]);
    sandbox.faults.throttle({ times: 10, retryAfterSeconds: 1, match: (r) => /resourcegraph/i.test(r.path) });
    const graph = source(sandbox, { catalog: [CATALOG[0]], maxThrottleRetries: 2 });
    const error = await collect(graph.rows()).catch((e: unknown) => e);
    expect(isWardenError(error, 'THROTTLED')).toBe(true);
    expect(graph.queriesMade).toBe(3);
  });

  it('fails loudly when the sandbox does not recognise the query shape', async () => {
    const sandbox = graphSandbox([storageAccount()]);
    sandbox.addRoute(() => undefined);
    const response = await sandbox.httpClient.sendRequest({
      url: `${sandbox.endpoint}/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01`,
      method: 'POST',
      headers: createHttpHeaders({ authorization: 'Bearer transit-warden-sandbox-token' }),
      body: JSON.stringify({ subscriptions: [SUBSCRIPTION_ID], query: 'resources | take 5' }),
    } as PipelineRequest);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.bodyAsText ?? '{}')).toMatchObject({ error: { code: 'BadRequest' } });
  });

  it('parses Retry-After seconds and quota durations', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseResetsAfter('00:01:02')).toBe(62_000);
    expect(parseResetsAfter('soon')).toBeUndefined();
  });
});

describe('list source (where Graph is not available)', () => {
  function listSandbox(estate: ArmObject[]): ArmSandbox {
    const sandbox = new ArmSandbox({ estate });
    sandbox.addRoute(armListRoute(sandbox));
    return sandbox;
  }

  it('lists storage accounts in wire shape, one list call per subscription', async () => {
    const sandbox = listSandbox([storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'sta' }), storageAccount({}, { name: 'stb' })]);
    const list = new ListSource({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog: [CATALOG[0]] });
    const rows = await collect(list.rows());

    expect(rows.map((r) => r.name).sort()).toEqual(['sta', 'stb']);
    // Wire names, not the SDK's flattened enableHttpsTrafficOnly.
    expect(rows.find((r) => r.name === 'sta')?.properties).toMatchObject({ supportsHttpsTrafficOnly: false });
    expect(sandbox.counts().reads).toBe(1);
    expect(list.requestsMade).toBe(1);
  });

  it('lists sites and slots and reads each one config/web, which is what makes sites costly', async () => {
    const sandbox = listSandbox([
      site({}, { name: 'app-a' }), siteConfig({ minTlsVersion: '1.0' }, { site: 'app-a' }),
      slot({}, { site: 'app-a', name: 'staging' }),
      site({}, { name: 'app-b' }),
    ]);
    const list = new ListSource({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog: [CATALOG[1]] });
    const rows = await collect(list.rows());
    const ids = rows.map((r) => String(r.id).toLowerCase());

    expect(ids).toEqual(expect.arrayContaining([siteId('app-a'), `${siteId('app-a')}/config/web`, `${siteId('app-a')}/slots/staging`, `${siteId('app-a')}/slots/staging/config/web`, siteId('app-b'), `${siteId('app-b')}/config/web`].map((id) => id.toLowerCase())));
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => String(r.id).toLowerCase() === `${siteId('app-a')}/config/web`.toLowerCase())?.properties).toMatchObject({ minTlsVersion: '1.0' });
    // 1 site list + 2 slot lists + 2 site configs + 1 slot config.
    expect(sandbox.counts().reads).toBe(6);
  });

  it('names the catalog types it cannot list', () => {
    const sandbox = listSandbox([]);
    const extra = defineControl({ ...CATALOG[2], id: 'test-vault-tls', resourceTypes: ['Microsoft.KeyVault/vaults'] });
    const list = new ListSource({ credential: sandbox.credential, subscriptions: [SUBSCRIPTION_ID], catalog: [...CATALOG, extra] });
    expect(list.uncoveredTypes).toEqual(['microsoft.keyvault/vaults']);
  });
});
