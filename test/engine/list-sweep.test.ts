/**
 * The sweep where Resource Graph is not available: candidates from ARM list calls (ListSource), and
 * the `auto` setting that falls back to them when Graph fails before its first row.
 */
import { describe, expect, it } from 'vitest';
import { LISTED_TYPES, LISTER_COUNT, ListSource } from '../../src/azure/list-source';
import { SERVICE_BUS_API_VERSION } from '../../src/kinds/servicebus/adapter';
import { catalog } from '../../src/controls';
import type { ArmObject } from '../../src/controls/types';
import { WardenError } from '../../src/errors';
import { FallbackSource } from '../../src/engine/fallback-source';
import { runSweep, type CandidateSource } from '../../src/engine/sweep';
import { sweepSource } from '../../src/azure/sweep-source';
import { createLogger } from '../../src/logger';
import type { SandboxCall } from '../../src/sandbox/arm-sandbox';
import { GRAPH_RESOURCE_TYPE } from '../../src/sandbox/resource-graph-route';
import type { WardenConfig } from '../../src/config';
import { SUBSCRIPTION_ID } from '../fixtures/arm';
import { DRIFTED_ESTATE_FIXES, driftedEstate } from '../fixtures/drifted-estate';
import { FIXED_NOW, sandboxEngine, type SandboxEngine } from '../helpers/sandbox-runtime';

const EXPECTED_FIXES = DRIFTED_ESTATE_FIXES;

const ROOMY = { config: { writeBudget: { maxWrites: 10_000, windowMinutes: 60 } } };

function listSource(t: SandboxEngine, cat = catalog): ListSource {
  return new ListSource({ credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog: cat });
}

const sweep = (t: SandboxEngine, source: CandidateSource, runId = 'sweep-list-1') =>
  runSweep({ engine: t.engine, source, catalog, runId, now: FIXED_NOW, concurrency: 1 });

const isGraph = (c: SandboxCall) => c.resourceType === GRAPH_RESOURCE_TYPE;

async function collect(rows: AsyncIterable<ArmObject>): Promise<ArmObject[]> {
  const out: ArmObject[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('list source over every kind', () => {
  it('can list every resource type the catalog covers', () => {
    const types = new Set(catalog.flatMap((c) => c.resourceTypes.map((t) => t.toLowerCase())));
    expect([...types].filter((t) => !LISTED_TYPES.has(t))).toEqual([]);
    const t = sandboxEngine([]);
    expect(listSource(t).uncoveredTypes).toEqual([]);
  });

  it('lists each kind in wire shape: Service Bus at 2024-01-01 with minimumTlsVersion, databases through their clusters', async () => {
    const t = sandboxEngine(driftedEstate());
    const source = listSource(t);
    const rows = await collect(source.rows());
    const types = new Set(rows.map((r) => String(r.type).toLowerCase()));
    for (const type of new Set(catalog.flatMap((c) => c.resourceTypes.map((x) => x.toLowerCase())))) {
      if (type === 'microsoft.web/sites/slots') continue; // the estate has no slot
      expect(types, type).toContain(type);
    }
    expect(rows.find((r) => String(r.type).toLowerCase() === 'microsoft.servicebus/namespaces')?.properties).toMatchObject({ minimumTlsVersion: '1.1' });
    expect(rows.find((r) => String(r.type).toLowerCase() === 'microsoft.cache/redisenterprise/databases')?.properties).toMatchObject({ clientProtocol: 'Plaintext' });
    expect(rows.find((r) => String(r.type).toLowerCase() === 'microsoft.dbformysql/servers')?.properties).toMatchObject({ sslEnforcement: 'Disabled' });

    const listCalls = t.sandbox.calls.map((c) => `${c.method} ${decodeURIComponent(c.path)}`);
    expect(listCalls).toContain(`GET /subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.ServiceBus/namespaces`);
    expect(t.sandbox.calls.find((c) => c.path.endsWith('/Microsoft.ServiceBus/namespaces'))?.apiVersion).toBe(SERVICE_BUS_API_VERSION);
    expect(t.sandbox.calls.filter((c) => c.kind !== 'read')).toEqual([]);
    // One list per lister; the sites lister adds 3 (the site's slots, its config/web and its
    // config/authsettingsV2), Redis Enterprise 1 (the one cluster's databases after the clusters) and
    // cdn 2 (after the profiles, the Front Door profile's custom domains and the classic profile's endpoints)
    // storage 1 (the one account's file services, FileServices_List, after the accounts) and apim 1
    // (the one service's APIs, Api_ListByService, after the services).
    expect(source.requestsMade).toBe(t.sandbox.calls.length);
    expect(source.requestsMade).toBe(LISTER_COUNT + 3 + 1 + 2 + 1 + 1);
  });

  it('feeds a sweep that fixes every enforce-mode control and reports the rest, without Resource Graph', async () => {
    const t = sandboxEngine(driftedEstate(), ROOMY);
    const summary = await sweep(t, listSource(t));

    expect(summary.errors).toEqual([]);
    const outcomes = (outcome: string) => summary.records.filter((r) => r.outcome === outcome).map((r) => r.control).sort();
    expect(outcomes('fixed')).toEqual([...EXPECTED_FIXES].sort());
    expect(outcomes('failed')).toEqual([]);
    expect(outcomes('noncompliant')).toEqual(expect.arrayContaining(['mysql-single-require-ssl', 'postgresql-single-min-tls']));
    expect(t.sandbox.calls.filter(isGraph)).toEqual([]);

    // The next sweep finds nothing to fix.
    t.sandbox.resetCalls();
    const again = await sweep(t, listSource(t), 'sweep-list-2');
    expect(again.records.filter((r) => r.outcome === 'fixed')).toEqual([]);
    expect(t.sandbox.writes).toEqual([]);
  });
});

describe('sweep source setting (TRANSIT_WARDEN_SWEEP_SOURCE)', () => {
  function runtimeFor(t: SandboxEngine, sweepSourceSetting: WardenConfig['sweepSource']) {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => { lines.push(line); return true; } } as unknown as NodeJS.WritableStream });
    return {
      lines,
      source: () => sweepSource({
        setting: sweepSourceSetting, credential: t.sandbox.credential, subscriptions: [SUBSCRIPTION_ID], catalog, logger,
        endpoint: t.sandbox.endpoint, httpClient: t.sandbox.httpClient,
      }),
    };
  }

  /** A sandbox where Resource Graph answers like a cloud without it: 404 for the provider. */
  function withoutGraph(): SandboxEngine {
    const t = sandboxEngine(driftedEstate(), ROOMY);
    t.sandbox.addRoute((request) =>
      request.url.pathname.toLowerCase().startsWith('/providers/microsoft.resourcegraph/')
        ? { status: 404, body: { error: { code: 'NoRegisteredProviderFound', message: 'No registered resource provider found for location and API version' } }, kind: 'read', resourceType: GRAPH_RESOURCE_TYPE }
        : undefined,
      'first',
    );
    return t;
  }

  it('auto: uses Resource Graph when it answers, and list calls only for the types Graph has no rows of', async () => {
    const t = sandboxEngine(driftedEstate(), ROOMY);
    const { source, lines } = runtimeFor(t, 'auto');
    const summary = await sweep(t, source());
    expect(summary.records.filter((r) => r.outcome === 'fixed')).toHaveLength(EXPECTED_FIXES.length);
    expect(t.sandbox.calls.filter(isGraph).length).toBeGreaterThan(0);
    // Storage file services (storage-smb-secure) and API Management APIs (apim-api-https-only) are
    // not in Graph: their accounts and services are listed to find them, and nothing else is.
    const lists = t.sandbox.calls.filter((c) => c.method === 'GET' && !isGraph(c) && (/\/providers\/[^/]+\/[^/]+$/i.test(c.path) || /\/(fileServices|apis)$/i.test(c.path)));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.map((c) => c.path).filter((path) => !/\/providers\/(Microsoft\.Storage\/storageAccounts(\/[^/]+\/fileServices)?|Microsoft\.ApiManagement\/service(\/[^/]+\/apis)?)$/i.test(path))).toEqual([]);
    expect(lines).toEqual([]);
  });

  it('auto: falls back to list calls when Graph fails before its first row, says so, and still fixes everything', async () => {
    const t = withoutGraph();
    const { source, lines } = runtimeFor(t, 'auto');
    const summary = await sweep(t, source());
    expect(summary.records.filter((r) => r.outcome === 'fixed').map((r) => r.control).sort()).toEqual([...EXPECTED_FIXES].sort());
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 40, subscriptions: [SUBSCRIPTION_ID], reason: expect.stringContaining('404') });
  });

  it('graph: a failing Graph fails the sweep (no silent switch)', async () => {
    const t = withoutGraph();
    const { source } = runtimeFor(t, 'graph');
    await expect(sweep(t, source())).rejects.toMatchObject({ code: 'ARM_REQUEST_FAILED' });
    expect(t.sandbox.writes).toEqual([]);
  });

  it('list: never asks Resource Graph', async () => {
    const t = sandboxEngine(driftedEstate(), ROOMY);
    const { source } = runtimeFor(t, 'list');
    const summary = await sweep(t, source());
    expect(summary.records.filter((r) => r.outcome === 'fixed')).toHaveLength(EXPECTED_FIXES.length);
    expect(t.sandbox.calls.filter(isGraph)).toEqual([]);
  });
});

describe('FallbackSource', () => {
  const row = (name: string): ArmObject => ({ id: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/${name}`, type: 'Microsoft.Storage/storageAccounts', name });
  const source = (rows: ArmObject[], failAfter?: number, error: unknown = new WardenError('ARM_REQUEST_FAILED', 'Graph is down')): CandidateSource => ({
    async *rows() {
      for (const [i, r] of rows.entries()) {
        if (i === failAfter) throw error;
        yield r;
      }
      if (failAfter !== undefined && failAfter >= rows.length) throw error;
    },
  });

  it('never builds the fallback when the primary answers', async () => {
    let built = 0;
    const reasons: string[] = [];
    const fallback = new FallbackSource({ primary: source([row('a'), row('b')]), fallback: () => { built += 1; return source([row('x')]); }, onFallback: (r) => reasons.push(r) });
    expect((await collect(fallback.rows())).map((r) => r.name)).toEqual(['a', 'b']);
    expect(built).toBe(0);
    expect(reasons).toEqual([]);
    expect(fallback.answeredBy).toBe('primary');
  });

  it('switches when the primary fails before its first row, and reports why', async () => {
    const reasons: string[] = [];
    const fallback = new FallbackSource({ primary: source([row('a')], 0), fallback: () => source([row('x'), row('y')]), onFallback: (r) => reasons.push(r) });
    expect((await collect(fallback.rows())).map((r) => r.name)).toEqual(['x', 'y']);
    expect(reasons).toEqual(['Graph is down']);
    expect(fallback.answeredBy).toBe('fallback');
  });

  it('rethrows a failure after rows were handed on, so nothing is listed twice', async () => {
    const fallback = new FallbackSource({ primary: source([row('a'), row('b')], 1), fallback: () => source([row('x')]), onFallback: () => undefined });
    await expect(collect(fallback.rows())).rejects.toThrow('Graph is down');
  });

  it('rethrows THROTTLED and INVALID_CONFIG: throttling is not absence, and list calls would cost more', async () => {
    for (const code of ['THROTTLED', 'INVALID_CONFIG'] as const) {
      let built = 0;
      const fallback = new FallbackSource({ primary: source([row('a')], 0, new WardenError(code, code)), fallback: () => { built += 1; return source([]); }, onFallback: () => undefined });
      await expect(collect(fallback.rows())).rejects.toMatchObject({ code });
      expect(built).toBe(0);
    }
  });
});

/** An estate whose list call for `type` (a subscription-level list) ARM refuses with `status`/`code`. */
function refusingList(type: string, status: number, code: string, message = 'refused'): SandboxEngine {
  const t = sandboxEngine(driftedEstate(), ROOMY);
  const path = new RegExp(`/providers/${type.replace(/[.]/g, '\\.')}$`, 'i');
  t.sandbox.addRoute((request) => (path.test(request.url.pathname) ? { status, body: { error: { code, message } }, kind: 'read' } : undefined), 'first');
  return t;
}

describe('list source in a subscription that never used a service', () => {
  it('skips a kind whose resource provider is not registered (ARM refuses to list it) and sweeps the rest', async () => {
    // As ARM answers for a namespace the subscription is not registered for.
    const t = refusingList('Microsoft.DBforMySQL/flexibleServers', 409, 'MissingSubscriptionRegistration', "The subscription is not registered to use namespace 'Microsoft.DBforMySQL'.");
    const skips: unknown[] = [];
    const source = new ListSource({
      credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog,
      onSkip: (skip) => skips.push(skip),
    });
    const summary = await sweep(t, source);
    expect(summary.errors).toEqual([]);
    expect(skips).toEqual([{ subscriptionId: SUBSCRIPTION_ID, types: ['microsoft.dbformysql/flexibleservers'], reason: expect.stringContaining('MissingSubscriptionRegistration') }]);
    expect(source.skipped).toEqual(skips);
    const fixed = summary.records.filter((r) => r.outcome === 'fixed').map((r) => r.control).sort();
    expect(fixed).toEqual(EXPECTED_FIXES.filter((c) => c !== 'mysql-flexible-require-ssl').sort());
  });

  it('skips the retired single servers when ARM no longer serves their api-version', async () => {
    const t = refusingList('Microsoft.DBforPostgreSQL/servers', 400, 'NoRegisteredProviderFound', "No registered resource provider found for location 'westeurope' and API version '2017-12-01'.");
    const source = listSource(t);
    const summary = await sweep(t, source);
    expect(source.skipped.map((s) => s.types)).toEqual([['microsoft.dbforpostgresql/servers']]);
    expect(summary.records.filter((r) => r.outcome === 'fixed').map((r) => r.control).sort()).toEqual([...EXPECTED_FIXES].sort());
  });

  it('still fails on any other list error: a sweep that silently skipped a kind would hide drift', async () => {
    const t = refusingList('Microsoft.Sql/servers', 403, 'AuthorizationFailed');
    await expect(sweep(t, listSource(t))).rejects.toMatchObject({ code: 'ARM_REQUEST_FAILED' });
    // NoRegisteredProviderFound for a live kind is our bug (a wrong api-version), not absence.
    const u = refusingList('Microsoft.Sql/servers', 400, 'NoRegisteredProviderFound');
    await expect(sweep(u, listSource(u))).rejects.toMatchObject({ code: 'ARM_REQUEST_FAILED' });
  });
});
