import { describe, expect, it } from 'vitest';
import { ResourceGraphSource, graphQueriesFor } from '../../src/azure/resource-graph';
import { runScan } from '../../src/cli/scan-command';
import { catalog } from '../../src/controls';
import type { ArmObject } from '../../src/controls/types';
import { runSweep } from '../../src/engine/sweep';
import type { SandboxCall } from '../../src/sandbox/arm-sandbox';
import { GRAPH_RESOURCE_TYPE, resourceGraphRoute } from '../../src/sandbox/resource-graph-route';
import { SUBSCRIPTION_ID, resourceGroup, siteId, storageAccount, storageAccountId, webApp } from '../fixtures/arm';
import { FIXED_NOW, sandboxEngine, type SandboxEngine } from '../helpers/sandbox-runtime';
import { LISTER_COUNT } from '../../src/azure/list-source';

const EXEMPT = { 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': 'Legacy scanner speaks plain HTTP; ticket SEC-2231' };

/** Compliant with every App Service control, including the report-only client-certificate one. */
const goodSite = { httpsOnly: true, clientCertEnabled: true };
const goodConfig = { minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' };

interface Estate {
  objects: ArmObject[];
  /** Resources with drift the engine must fix, and how many PATCHes each needs. */
  fixes: Map<string, number>;
  exempt: string[];
  storageCount: number;
  siteCount: number;
}

/** 2,000 resources: 1,200 storage accounts and 800 web apps (each with its config/web), mostly compliant. */
function bigEstate(): Estate {
  const objects: ArmObject[] = [resourceGroup()];
  const fixes = new Map<string, number>();
  const exempt: string[] = [];
  const storageCount = 1200;
  const siteCount = 800;
  for (let i = 0; i < storageCount; i++) {
    const name = `st${String(i).padStart(5, '0')}`;
    if (i % 100 === 7) {
      objects.push(storageAccount({ supportsHttpsTrafficOnly: false }, { name }));
      fixes.set(storageAccountId(name), 1);
    } else if (i % 100 === 42) {
      // Both storage controls fail: still one PATCH (one write endpoint).
      objects.push(storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' }, { name }));
      fixes.set(storageAccountId(name), 1);
    } else if (i % 300 === 99) {
      objects.push(storageAccount({ supportsHttpsTrafficOnly: false }, { name, tags: EXEMPT }));
      exempt.push(storageAccountId(name));
    } else {
      objects.push(storageAccount({}, { name }));
    }
  }
  for (let i = 0; i < siteCount; i++) {
    const name = `app-${String(i).padStart(4, '0')}`;
    if (i % 80 === 3) {
      objects.push(...webApp({ ...goodSite, httpsOnly: false }, goodConfig, { name }));
      fixes.set(siteId(name), 1);
    } else if (i % 80 === 11) {
      objects.push(...webApp(goodSite, { ...goodConfig, minTlsVersion: '1.0', ftpsState: 'AllAllowed' }, { name }));
      fixes.set(siteId(name), 1);
    } else if (i % 80 === 19) {
      // Site and config both drifted: one site PATCH plus one config PATCH.
      objects.push(...webApp({ ...goodSite, httpsOnly: false }, { ...goodConfig, scmMinTlsVersion: '1.0' }, { name }));
      fixes.set(siteId(name), 2);
    } else {
      objects.push(...webApp(goodSite, goodConfig, { name }));
    }
  }
  return { objects, fixes, exempt, storageCount, siteCount };
}

/** The default write budget (100 an hour) would stop this estate's 64 PATCHes partway; the guard has its own tests. */
const ROOMY = { config: { writeBudget: { maxWrites: 10_000, windowMinutes: 60 } } };

const isGraph = (c: SandboxCall) => c.resourceType === GRAPH_RESOURCE_TYPE;
const isGroupRead = (c: SandboxCall) => c.resourceType?.toLowerCase() === 'microsoft.resources/resourcegroups';
const armCalls = (t: SandboxEngine) => t.sandbox.calls.filter((c) => !isGraph(c) && !isGroupRead(c)).map((c) => `${c.kind} ${c.method} ${c.path.toLowerCase()}`).sort();
const groupReads = (t: SandboxEngine) => t.sandbox.calls.filter(isGroupRead).length;

function graphSweep(t: SandboxEngine, runId: string) {
  const source = new ResourceGraphSource({
    credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog,
  });
  // One at a time: the engine caches resource-group tags but does not share an in-flight read, so
  // with several resources of one group in flight the group can be read more than once, and this
  // test counts reads exactly.
  return { source, run: () => runSweep({ engine: t.engine, source, catalog, runId, now: FIXED_NOW, concurrency: 1 }) };
}

describe('drift sweep over Resource Graph', () => {
  const estate = bigEstate();

  it('reads 2,000 resources in a page or two per kind and touches ARM only for the resources that drifted', async () => {
    const t = sandboxEngine(estate.objects, ROOMY);
    t.sandbox.addRoute(resourceGraphRoute(t.sandbox));
    const { source, run } = graphSweep(t, 'sweep-1');
    const summary = await run();

    // Graph: one query per kind, plus a second page for the 1,200 storage accounts and one for the
    // 1,600 App Service config rows (each site's config/web and config/authsettingsV2).
    const queries = graphQueriesFor(catalog);
    expect(source.queriesMade).toBe(queries.length + 2);
    expect(t.sandbox.calls.filter(isGraph)).toHaveLength(queries.length + 2);
    const rowsByKind = { storage: estate.storageCount, sites: estate.siteCount, config: 2 * estate.siteCount };
    const bound = queries.length + Object.values(rowsByKind).reduce((n, rows) => n + Math.ceil(rows / 1000), 0);
    expect(source.queriesMade).toBeLessThanOrEqual(bound);

    const needEngine = [...estate.fixes.keys(), ...estate.exempt];
    expect(summary.candidates).toBe(estate.storageCount + estate.siteCount);
    expect(summary.evaluated).toBe(needEngine.length);
    expect(summary.errors).toEqual([]);

    // ARM: exactly the calls the engine makes for the drifted resources and no others (a reference
    // run of the same engine over only those, in a fresh sandbox). The exempt ones are recorded from
    // their Graph rows: no ARM read at all, since nothing would be written.
    const reference = sandboxEngine(estate.objects, ROOMY);
    for (const id of estate.fixes.keys()) await reference.process(id, 'sweep-1');
    expect(armCalls(t)).toEqual(armCalls(reference));
    // The group's tags: one read, shared by every fix (the clock stands still, so the cached read
    // never gets older than the two seconds after which a write would read them again).
    expect(groupReads(reference)).toBe(1);
    expect(groupReads(t)).toBe(1);
    const expectedWrites = [...estate.fixes.values()].reduce((a, b) => a + b, 0);
    expect(t.sandbox.counts().writes).toBe(expectedWrites);
    expect(t.sandbox.counts().reads - groupReads(t)).toBe(reference.sandbox.counts().reads - groupReads(reference) + queries.length + 2);

    // Fixed exactly the drifted resources; the exempt ones were recorded, not written.
    expect(new Set(t.sandbox.writes.map((w) => w.id.toLowerCase()))).toEqual(new Set([...estate.fixes.keys()].map((id) => id.toLowerCase())));
    expect(summary.records.filter((r) => r.outcome === 'exempt').map((r) => r.resourceId.toLowerCase()).sort()).toEqual(
      expect.arrayContaining(estate.exempt.map((id) => id.toLowerCase())),
    );
    expect(summary.records.filter((r) => r.outcome === 'failed')).toEqual([]);

    // A second sweep finds nothing left to fix: only the exempt resources still go to the engine.
    t.sandbox.resetCalls();
    const again = await graphSweep(t, 'sweep-2').run();
    expect(t.sandbox.counts().writes).toBe(0);
    expect(again.evaluated).toBe(estate.exempt.length);
    expect(again.records.filter((r) => r.outcome === 'fixed' || r.outcome === 'would-fix')).toEqual([]);
  });
});

describe('transit-warden scan', () => {
  function io() {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s), readStdin: async () => '' } };
  }

  it('runs a dry-run sweep through Resource Graph, writes nothing, and exits 1 with a summary of what it would fix', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'stbad' }), storageAccount({}, { name: 'stgood' })]);
    t.sandbox.addRoute(resourceGraphRoute(t.sandbox));
    const { out, io: cli } = io();
    const code = await runScan(
      { subscription: [SUBSCRIPTION_ID], mode: 'dry-run', format: 'table' },
      cli,
      { credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, isTty: false, pollIntervalMs: 5 },
    );

    expect(code).toBe(1);
    expect(t.sandbox.counts().writes).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`2 rows from ${graphQueriesFor(catalog).length} Resource Graph queries and \\d+ ARM list requests, 2 resources covered by controls, 1 plainly compliant, 1 re-read from ARM`));
    expect(out.stdout).toMatch(/would-fix\s+storage-https-only\s+stbad/);
    expect(out.stderr).toMatch(/scan: 1\/1 resources re-read from ARM/);
  });

  it('fixes in enforce mode and exits 0, with a progress bar on a terminal', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'stbad' })]);
    t.sandbox.addRoute(resourceGraphRoute(t.sandbox));
    const { out, io: cli } = io();
    const code = await runScan(
      { subscription: [SUBSCRIPTION_ID], mode: 'enforce', format: 'json' },
      cli,
      { credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, isTty: true, pollIntervalMs: 5 },
    );

    expect(code).toBe(0);
    expect(t.sandbox.get(storageAccountId('stbad'))?.properties).toMatchObject({ supportsHttpsTrafficOnly: true });
    expect(JSON.parse(out.stdout)).toMatchObject({ mode: 'enforce', candidates: 1, evaluated: 1, outcomes: { fixed: 1 } });
    expect(out.stderr).toMatch(/\r\[#+\] 1\/1 re-read from ARM\n$/);
  });

  it('scans with ARM list calls when told to (--source list), and says what the candidates cost', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'stbad' }), storageAccount({}, { name: 'stgood' })]);
    const { out, io: cli } = io();
    const code = await runScan(
      { subscription: [SUBSCRIPTION_ID], mode: 'dry-run', format: 'table', source: 'list' },
      cli,
      { credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, isTty: false, pollIntervalMs: 5 },
    );
    expect(code).toBe(1);
    expect(t.sandbox.calls.filter(isGraph)).toEqual([]);
    // One list call per lister (sites, Redis Enterprise clusters and the rest), plus one per storage
    // account: its file services (FileServices_List; these two accounts have none in the estate).
    expect(out.stdout).toContain(`2 rows from ${LISTER_COUNT + 2} ARM list requests, 2 resources covered by controls, 1 plainly compliant, 1 re-read from ARM`);
    expect(out.stdout).toMatch(/would-fix\s+storage-https-only\s+stbad/);
  });

  it('refuses a subscription that is not a subscription id before contacting Azure', async () => {
    const { io: cli } = io();
    await expect(runScan({ subscription: ['prod'], mode: 'dry-run', format: 'table' }, cli, { credential: { getToken: async () => null } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
