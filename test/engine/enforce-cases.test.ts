import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/record';
import type { ArmObject, JsonObject } from '../../src/controls/types';
import { catalog } from '../../src/controls';
import type { EnforceCase } from '../../src/kinds/fixture-types';
import { FIXTURES_BY_KIND } from '../../src/kinds/generated/fixtures';
import { inKindOrder } from '../../src/kinds/names';
import { findTypeFacts } from '../../src/kinds/facts';
import { FACTS_BY_KIND } from '../../src/kinds/generated/facts';
import { leafPaths } from '../../src/engine/patches';
import { parseResourceId } from '../../src/core/resource-id';
import { resourceGroup } from '../fixtures/arm';
import {
  cosmosAccount, cosmosAccountId, mysqlFlexibleServer, mysqlFlexibleServerId, mysqlParameter, mysqlSingleServer, mysqlSingleServerId,
  postgresqlFlexibleServer, postgresqlFlexibleServerId, postgresqlParameter, postgresqlSingleServer, postgresqlSingleServerId,
  serviceBusNamespace, serviceBusNamespaceId, sqlServer, sqlServerId,
} from '../fixtures/arm-databases-messaging';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { ArmGateway } from '../../src/azure/gateway';
import { SQL_API_VERSION } from '../../src/kinds/sql/adapter';
import { DEFAULT_CONFIG } from '../../src/config';
import { createEngine } from '../../src/engine/engine';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { SUBSCRIPTION_ID } from '../fixtures/arm';
import { byControl, fixedClock, SANDBOX_RETRY, sandboxEngine } from '../helpers/sandbox-runtime';

/**
 * One noncompliant resource per enforce-mode control of the catalog, with the exact PATCH its fix must
 * send: each kind's cases are in its folder (src/kinds/<kind>/fixtures.ts).
 */
const ENFORCE_CASES: readonly EnforceCase[] = inKindOrder(FIXTURES_BY_KIND).flatMap((kind) => kind.enforceCases);

const param = (value: string): JsonObject => ({ properties: { value, source: 'user-override' } });

const TYPES = inKindOrder(FACTS_BY_KIND).flatMap((facts) => facts.types);

/**
 * Whether the facts make this case's fix a write-back by PUT (DESIGN's one exception): the
 * document's type has a PUT and no PATCH whose model has every path the fix writes.
 */
function writesByPut(c: EnforceCase): boolean {
  const { type, names } = parseResourceId(c.documentId);
  const facts = findTypeFacts(TYPES, type, names[names.length - 1]);
  const update = facts?.update;
  return facts?.replace !== undefined && (!update || leafPaths(c.patch).some((path) => update.writable[path] === undefined));
}

function lower(id: string): string {
  return id.toLowerCase();
}

describe('controls through the official SDK clients and the ARM emulator', () => {
  it('covers every enforce-mode control of the catalog with a case here', () => {
    const enforced = catalog.filter((c) => c.defaultMode === 'enforce').map((c) => c.id).sort();
    expect(ENFORCE_CASES.map((c) => c.control).sort()).toEqual(enforced);
  });

  for (const c of ENFORCE_CASES) {
    it(`fixes ${c.control} with exactly its patch and verifies the result`, async () => {
      const t = sandboxEngine([resourceGroup(), ...c.estate()]);
      const records = byControl(await t.process(c.resourceId));

      expect(records[c.control]).toMatchObject({ outcome: 'fixed', verified: true, mode: 'enforce', after: c.patch });
      expect(records[c.control].reason.includes('written as a PUT'), 'only a write-back says PUT').toBe(writesByPut(c));
      for (const [id, record] of Object.entries(records)) if (id !== c.control) expect(record.outcome, id).toBe('compliant');
      expect(t.sandbox.writes).toEqual([
        { id: expect.stringMatching(new RegExp(`^${c.resourceId}$`, 'i')), target: c.target, body: c.patch, paths: leafPaths(c.patch) },
      ]);
      const stored = t.sandbox.get(c.documentId);
      expect(stored?.properties).toMatchObject(c.patch.properties as JsonObject);
      expect(t.restarts).toHaveLength(0);
    });
  }

  it('polls the long-running updates (parameters, Cosmos DB, Redis Enterprise) to the end', async () => {
    const t = sandboxEngine([resourceGroup(), cosmosAccount({ minimalTlsVersion: 'Tls' })]);
    const [record] = await t.process(cosmosAccountId());
    expect(record).toMatchObject({ outcome: 'fixed', verified: true });
    expect(t.sandbox.calls.filter((c) => c.kind === 'poll').map((c) => c.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/providers\/Microsoft\.DocumentDB\/locations\/westus\/operationsStatus\/[0-9a-f-]+$/)]),
    );
  });

  it('fixes SQL without touching its operation monitors, which no custom role can be granted, and waits for the server to show the value', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), sqlServer({ minimalTlsVersion: 'None' })] });
    // Azure applies the update after answering 202: the first reads after the PATCH still show the old value.
    let staleReads = 2;
    let patched = false;
    const lagging: HttpClient = {
      async sendRequest(request) {
        const response = await sandbox.httpClient.sendRequest(request);
        if (request.method === 'PATCH') patched = true;
        else if (patched && staleReads > 0 && new URL(request.url).pathname.toLowerCase() === sqlServerId().toLowerCase()) {
          staleReads -= 1;
          const body = JSON.parse(response.bodyAsText ?? '{}') as ArmObject & { properties: JsonObject };
          body.properties.minimalTlsVersion = 'None';
          return { ...response, bodyAsText: JSON.stringify(body) };
        }
        return response;
      },
    };
    const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: lagging, endpoint: sandbox.endpoint, pollIntervalMs: 1, retryOptions: SANDBOX_RETRY });
    const engine = createEngine({
      ports: { reader: gateway, writer: gateway, audit: new MemoryAuditStore(), clock: fixedClock() },
      config: { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID] },
    });
    const [record] = await engine.process({ resourceId: sqlServerId(), trigger: 'sweep', occurrence: 'run-1', eventId: null, correlationId: null, actor: null });

    expect(record).toMatchObject({ control: 'sql-min-tls', outcome: 'fixed', verified: true, after: { properties: { minimalTlsVersion: '1.2' } } });
    const calls = sandbox.calls.map((c) => `${c.method} ${c.path}`);
    expect(calls.filter((c) => /serverAzureAsyncOperation|serverOperationResults/i.test(c))).toEqual([]);
    const patch = sandbox.calls.find((c) => c.method === 'PATCH');
    expect(patch?.apiVersion).toBe(SQL_API_VERSION);
    expect(patch?.status).toBe(202);
    // The stale reads, then the one that shows the value.
    const readsAfterPatch = calls.slice(calls.findIndex((c) => c.startsWith('PATCH')) + 1).filter((c) => c.toLowerCase() === `get ${sqlServerId()}`.toLowerCase());
    expect(readsAfterPatch).toHaveLength(3);
    expect(sandbox.get(sqlServerId())?.properties).toMatchObject({ minimalTlsVersion: '1.2', state: 'Ready' });
  });

  it('reads Service Bus at api-version 2024-01-01 and writes minimumTlsVersion by a PUT of the namespace as read, since SBNamespaceUpdateProperties has no such property', async () => {
    const t = sandboxEngine([resourceGroup(), serviceBusNamespace({ minimumTlsVersion: '1.0', disableLocalAuth: true })]);
    const [record] = await t.process(serviceBusNamespaceId());
    expect(record).toMatchObject({ control: 'servicebus-min-tls', outcome: 'fixed', verified: true, after: { properties: { minimumTlsVersion: '1.2' } } });
    // DESIGN.md allows the write-back only if the record says so.
    expect(record.reason).toMatch(/; written as a PUT of the document just read with only this value changed \(the REST spec offers no PATCH for it\)$/);
    const namespaceCalls = t.sandbox.calls.filter((call) => call.path.toLowerCase() === lower(serviceBusNamespaceId()));
    // The engine's read, the adapter's fresh read just before the write, the PUT.
    expect(namespaceCalls.map((call) => [call.method, call.apiVersion, call.status])).toEqual([
      ['GET', '2024-01-01', 200],
      ['GET', '2024-01-01', 200],
      ['PUT', '2024-01-01', 200],
    ]);
    // The PUT changed minimumTlsVersion and nothing else.
    expect(t.sandbox.writes).toEqual([{ id: expect.stringMatching(/sbns-contoso$/), target: 'self', body: { properties: { minimumTlsVersion: '1.2' } }, paths: ['properties.minimumTlsVersion'] }]);
    expect(t.sandbox.get(serviceBusNamespaceId())).toMatchObject({ sku: { name: 'Standard', tier: 'Standard' }, properties: { disableLocalAuth: true, minimumTlsVersion: '1.2' } });
  });

  it('leaves the other parameters of a server alone when fixing one', async () => {
    const t = sandboxEngine([resourceGroup(), postgresqlFlexibleServer(), postgresqlParameter('require_secure_transport', { value: 'off' })]);
    await t.process(postgresqlFlexibleServerId());
    expect(t.sandbox.get(`${postgresqlFlexibleServerId()}/configurations/ssl_min_protocol_version`)?.properties).toMatchObject({ value: 'TLSv1.2', source: 'system-default' });
  });

  it('fixes both parameters of a server in one evaluation, one PATCH per parameter', async () => {
    const t = sandboxEngine([
      resourceGroup(), postgresqlFlexibleServer(),
      postgresqlParameter('require_secure_transport', { value: 'OFF' }), postgresqlParameter('ssl_min_protocol_version', { value: 'TLSv1.1' }),
    ]);
    const records = byControl(await t.process(postgresqlFlexibleServerId()));
    expect(records['postgresql-flexible-require-ssl'].outcome).toBe('fixed');
    expect(records['postgresql-flexible-min-tls'].outcome).toBe('fixed');
    expect(t.sandbox.writes.map((w) => w.target).sort()).toEqual(['configurations/require_secure_transport', 'configurations/ssl_min_protocol_version']);
  });

  it('records would-fix for a parameter in dry-run with the value and source before and after, writing nothing', async () => {
    const t = sandboxEngine([resourceGroup(), mysqlFlexibleServer(), mysqlParameter('require_secure_transport', { value: 'OFF' })], { config: { mode: 'dry-run' } });
    const records = byControl(await t.process(mysqlFlexibleServerId()));
    expect(records['mysql-flexible-require-ssl']).toMatchObject({
      outcome: 'would-fix',
      before: { properties: { value: 'OFF', source: 'system-default' } },
      after: param('ON'),
    });
    expect(t.sandbox.counts().writes).toBe(0);
  });

  describe('mysql-flexible-min-tls (static parameter, needs a restart)', () => {
    const estate = (): ArmObject[] => [resourceGroup(), mysqlFlexibleServer(), mysqlParameter('tls_version', { value: 'TLSv1,TLSv1.1,TLSv1.2' })];

    it('is reported noncompliant by default and nothing is written or restarted', async () => {
      const t = sandboxEngine(estate());
      const records = byControl(await t.process(mysqlFlexibleServerId()));
      expect(records['mysql-flexible-min-tls']).toMatchObject({ outcome: 'noncompliant', mode: 'report', after: null, before: { properties: { value: 'TLSv1,TLSv1.1,TLSv1.2' } } });
      expect(t.sandbox.counts().writes).toBe(0);
      expect(t.restarts).toHaveLength(0);
    });

    it('stays noncompliant when configured to enforce but restarts are not allowed, and says why', async () => {
      const t = sandboxEngine(estate(), { config: { controlModes: { 'mysql-flexible-min-tls': 'enforce' } } });
      const records = byControl(await t.process(mysqlFlexibleServerId()));
      expect(records['mysql-flexible-min-tls']).toMatchObject({ outcome: 'noncompliant', reason: expect.stringContaining('restart') });
      expect(t.sandbox.counts().writes).toBe(0);
      expect(t.restarts).toHaveLength(0);
    });

    it('updates tls_version and then restarts the server when enforced with restarts allowed', async () => {
      const t = sandboxEngine(estate(), { config: { controlModes: { 'mysql-flexible-min-tls': 'enforce' }, allowRestarts: true } });
      const records = byControl(await t.process(mysqlFlexibleServerId()));

      expect(records['mysql-flexible-min-tls']).toMatchObject({ outcome: 'fixed', verified: true, after: param('TLSv1.2') });
      expect(t.sandbox.writes).toEqual([
        expect.objectContaining({ target: 'configurations/tls_version', body: param('TLSv1.2'), paths: ['properties.value', 'properties.source'] }),
      ]);
      expect(t.restarts.map((r) => lower(r.id))).toEqual([lower(mysqlFlexibleServerId())]);
      const writesInOrder = t.sandbox.calls.filter((call) => call.kind === 'write').map((call) => `${call.method} ${call.path.split('/').slice(-2).join('/')}`);
      expect(writesInOrder).toEqual(['PATCH configurations/tls_version', `POST ${'mysql-contoso'}/restart`]);
      expect(t.sandbox.calls.find((call) => call.method === 'POST')).toMatchObject({ apiVersion: '2021-05-01', status: 202 });
      expect(t.sandbox.get(`${mysqlFlexibleServerId()}/configurations/tls_version`)?.properties).toMatchObject({ value: 'TLSv1.2' });
    });

    it('reports a value set but never made live by a restart, and completes it when enforced', async () => {
      const pendingEstate = (): ArmObject[] => [resourceGroup(), mysqlFlexibleServer(), mysqlParameter('tls_version', { value: 'TLSv1.2', isConfigPendingRestart: 'True' })];
      const reported = byControl(await sandboxEngine(pendingEstate()).process(mysqlFlexibleServerId()));
      expect(reported['mysql-flexible-min-tls']).toMatchObject({ outcome: 'noncompliant', reason: expect.stringMatching(/not been restarted since it was set/) });

      const t = sandboxEngine(pendingEstate(), { config: { controlModes: { 'mysql-flexible-min-tls': 'enforce' }, allowRestarts: true } });
      const records = byControl(await t.process(mysqlFlexibleServerId()));
      // The PATCH answer still shows the value pending; the record is verified on the read after the restart.
      expect(records['mysql-flexible-min-tls']).toMatchObject({ outcome: 'fixed', verified: true, after: param('TLSv1.2') });
      expect(t.restarts.map((r) => lower(r.id))).toEqual([lower(mysqlFlexibleServerId())]);
      expect(t.sandbox.get(`${mysqlFlexibleServerId()}/configurations/tls_version`)?.properties).toMatchObject({ value: 'TLSv1.2', isConfigPendingRestart: 'False' });
    });

    it('records failed, not fixed, when the restart fails after the parameter was written', async () => {
      const t = sandboxEngine(estate(), { config: { controlModes: { 'mysql-flexible-min-tls': 'enforce' }, allowRestarts: true } });
      t.sandbox.faults.serverError({ times: 10, status: 500, match: ({ method }) => method === 'POST' });
      const records = byControl(await t.process(mysqlFlexibleServerId()));
      // The value is written, and the record says so (before/after, "stored"), not "not applied".
      expect(records['mysql-flexible-min-tls']).toMatchObject({
        outcome: 'failed', verified: false, after: param('TLSv1.2'),
        reason: expect.stringMatching(/value is stored, but the server restart it needs failed .*takes effect after the next restart/),
      });
      expect(records['mysql-flexible-min-tls'].reason).not.toMatch(/not applied/);
      expect(t.sandbox.get(`${mysqlFlexibleServerId()}/configurations/tls_version`)?.properties).toMatchObject({ value: 'TLSv1.2' });
    });
  });

  describe('retired single servers', () => {
    it('records both MySQL single-server controls noncompliant, reads at 2017-12-01 and writes nothing', async () => {
      const t = sandboxEngine([resourceGroup(), mysqlSingleServer({ sslEnforcement: 'Disabled', minimalTlsVersion: 'TLSEnforcementDisabled' })]);
      const records = byControl(await t.process(mysqlSingleServerId()));
      expect(records['mysql-single-require-ssl']).toMatchObject({ outcome: 'noncompliant', mode: 'report', before: { properties: { sslEnforcement: 'Disabled' } } });
      expect(records['mysql-single-min-tls']).toMatchObject({ outcome: 'noncompliant', mode: 'report' });
      expect(t.sandbox.counts().writes).toBe(0);
      expect(t.sandbox.calls.filter((c) => c.path.toLowerCase() === lower(mysqlSingleServerId())).map((c) => [c.method, c.apiVersion])).toEqual([['GET', '2017-12-01']]);
    });

    it('stays report-only even when the global mode and the control mode say enforce', async () => {
      const t = sandboxEngine([resourceGroup(), postgresqlSingleServer({ minimalTlsVersion: 'TLS1_0' })], {
        config: { controlModes: { 'postgresql-single-min-tls': 'enforce' } },
      });
      const records = byControl(await t.process(postgresqlSingleServerId()));
      expect(records['postgresql-single-min-tls']).toMatchObject({ outcome: 'noncompliant', mode: 'report' });
      expect(records['postgresql-single-require-ssl'].outcome).toBe('compliant');
      expect(t.sandbox.counts().writes).toBe(0);
    });
  });

  it('fixes every enforce-mode control across an estate holding every kind, and reports the rest', async () => {
    const estate: ArmObject[] = [
      resourceGroup(),
      ...ENFORCE_CASES.flatMap((c) => c.estate()).filter((o, i, all) => all.findIndex((x) => lower(String(x.id)) === lower(String(o.id))) === i),
      // Both PostgreSQL parameters broken on the same server, and MySQL's static tls_version too.
      mysqlParameter('tls_version', { value: 'TLSv1.1' }),
      mysqlSingleServer({ sslEnforcement: 'Disabled' }),
      postgresqlSingleServer({ minimalTlsVersion: 'TLS1_1' }),
    ];
    const t = sandboxEngine(estate);
    const resources = [...new Set([...ENFORCE_CASES.map((c) => c.resourceId), mysqlSingleServerId(), postgresqlSingleServerId()])];

    const records: AuditRecord[] = [];
    for (const id of resources) records.push(...(await t.process(id, 'sweep-1')));

    const outcome = (control: string): string[] => records.filter((r) => r.control === control).map((r) => r.outcome);
    // Each case's resource has its control fixed; resources of the same kind from other cases pass it.
    for (const c of ENFORCE_CASES) {
      const own = records.filter((r) => r.control === c.control && lower(r.resourceId) === lower(c.resourceId)).map((r) => r.outcome);
      expect(own, c.control).toEqual(['fixed']);
      expect(outcome(c.control).filter((o) => o !== 'compliant'), c.control).toEqual(['fixed']);
    }
    expect(outcome('mysql-flexible-min-tls')).toEqual(['noncompliant']);
    expect(outcome('mysql-single-require-ssl')).toEqual(['noncompliant']);
    expect(outcome('postgresql-single-min-tls')).toEqual(['noncompliant']);
    expect(records.filter((r) => r.outcome === 'failed')).toEqual([]);
    expect(t.sandbox.writes).toHaveLength(ENFORCE_CASES.length);
    expect(t.restarts).toHaveLength(0);

    // A second sweep finds nothing left to fix.
    t.sandbox.resetCalls();
    const again: AuditRecord[] = [];
    for (const id of resources) again.push(...(await t.process(id, 'sweep-2')));
    expect(again.filter((r) => r.outcome === 'fixed')).toEqual([]);
    expect(t.sandbox.writes).toHaveLength(0);
  });
});
