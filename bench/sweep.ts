/**
 * The drift sweep over N resources, wired as `sandboxRun --sweep` does it: ResourceGraphSource over
 * the emulator's Graph route, then runSweep with the real engine. Counts Graph pages per query
 * (one query per resource kind, plus App Service config), ARM reads and writes, and wall time.
 */
import { randomUUID } from 'node:crypto';
import { ResourceGraphSource } from '../src/azure/resource-graph';
import { catalog } from '../src/controls';
import type { ArmObject } from '../src/controls/types';
import { runSweep, type CandidateSource } from '../src/engine/sweep';
import type { SandboxRoute } from '../src/sandbox/arm-sandbox';
import { parseGraphQuery } from '../src/sandbox/resource-graph-route';
import { redisCache, site, siteConfig, slot, storageAccount, SUBSCRIPTION_ID } from '../test/fixtures/arm';
import { groupName, resourceGroups, seededRandom, type Kind } from './estate';
import { benchRig, nowMs, round, splitCalls } from './harness';

export interface SweepFigures {
  n: number;
  nonCompliant: number;
  /** Per Graph query (table + types): rows it returned and pages it took. */
  graphQueries: { query: string; rows: number; pages: number; targetPages: number }[];
  graphReads: number;
  graphReadsTarget: number;
  /** Resources the sweep handed to the engine. */
  evaluated: number;
  armReads: number;
  /** Reads the non-compliant candidates may cost: 2 per App Service resource, 1 per other. */
  armReadsTarget: number;
  rgTagReads: number;
  armWrites: number;
  lroPolls: number;
  lroFinalGets: number;
  records: number;
  outcomes: Record<string, number>;
  wallMs: number;
  /** Of wallMs: until the Graph source was exhausted (runSweep reads all rows before evaluating). */
  graphMs: number;
  /**
   * The least time ARM's per-principal buckets (DESIGN: 250 reads refilling 25/s, 200 writes refilling
   * 10/s) would let these calls take in Azure; the emulator does not throttle, so this is computed.
   */
  armLimitFloorMs: number;
  pass: boolean;
}

const GROUPS = 16;
const SITE_GOOD = { httpsOnly: true, clientCertEnabled: true };
const SITE_BAD = { httpsOnly: false };
const CONFIG_GOOD = { minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' };
const CONFIG_BAD = { minTlsVersion: '1.0', ftpsState: 'AllAllowed' };

/**
 * N resources: 40% sites, 20% slots (on those sites), 20% storage accounts, 20% Redis caches; a
 * seeded `nonCompliantShare` of them fail. `clientCertsOff` leaves client certificates off on the
 * compliant App Service resources, as most real apps have them: appservice-client-cert is a
 * report-only control, so those resources never plainly pass.
 */
export function sweepEstate(n: number, options: { nonCompliantShare: number; seed: number; clientCertsOff?: boolean }): { estate: ArmObject[]; kinds: Map<string, { kind: Kind; compliant: boolean }> } {
  const random = seededRandom(options.seed);
  const estate: ArmObject[] = [...resourceGroups(GROUPS)];
  const kinds = new Map<string, { kind: Kind; compliant: boolean }>();
  const sites = Math.round(n * 0.4);
  const slots = Math.round(n * 0.2);
  const storage = Math.round(n * 0.2);
  const redis = n - sites - slots - storage;
  const good = (): boolean => random() >= options.nonCompliantShare;
  const siteGood = options.clientCertsOff ? { ...SITE_GOOD, clientCertEnabled: false } : SITE_GOOD;
  const place = (i: number) => ({ resourceGroup: groupName(i, GROUPS), subscriptionId: SUBSCRIPTION_ID });
  for (let i = 0; i < sites; i += 1) {
    const compliant = good();
    const s = site(compliant ? siteGood : SITE_BAD, { ...place(i), name: `app-${i}` });
    estate.push(s, siteConfig(compliant ? CONFIG_GOOD : CONFIG_BAD, { ...place(i), site: `app-${i}` }));
    kinds.set(String(s.id).toLowerCase(), { kind: 'site', compliant });
  }
  for (let i = 0; i < slots; i += 1) {
    const compliant = good();
    const owner = i % sites;
    const sl = slot(compliant ? siteGood : SITE_BAD, { ...place(owner), site: `app-${owner}`, name: `slot${i}` });
    estate.push(sl, siteConfig(compliant ? CONFIG_GOOD : CONFIG_BAD, { ...place(owner), site: `app-${owner}`, slot: `slot${i}` }));
    kinds.set(String(sl.id).toLowerCase(), { kind: 'slot', compliant });
  }
  for (let i = 0; i < storage; i += 1) {
    const compliant = good();
    const sa = storageAccount(compliant ? {} : { minimumTlsVersion: 'TLS1_0' }, { ...place(i), name: `stsweep${i}` });
    estate.push(sa);
    kinds.set(String(sa.id).toLowerCase(), { kind: 'storage', compliant });
  }
  for (let i = 0; i < redis; i += 1) {
    const compliant = good();
    const cache = redisCache(compliant ? {} : { enableNonSslPort: true }, { ...place(i), name: `redis-sweep-${i}` });
    estate.push(cache);
    kinds.set(String(cache.id).toLowerCase(), { kind: 'redis', compliant });
  }
  return { estate, kinds };
}

/** Watches Graph queries on their way to the Graph route and answers none of them. */
function graphObserver(pages: Map<string, number>): SandboxRoute {
  return (request) => {
    if (!request.url.pathname.toLowerCase().endsWith('/providers/microsoft.resourcegraph/resources') || request.bodyText === undefined) return undefined;
    const body: unknown = JSON.parse(request.bodyText);
    const query = typeof body === 'object' && body !== null && 'query' in body && typeof body.query === 'string' ? body.query : '';
    const parsed = parseGraphQuery(query);
    const key = typeof parsed === 'string' ? query : `${parsed.table}: ${[...parsed.types].join(', ')}`;
    pages.set(key, (pages.get(key) ?? 0) + 1);
    return undefined;
  };
}

/** Rows a query can return, counted on the estate (what Graph would hold). */
function rowsFor(key: string, estate: readonly ArmObject[]): number {
  const [table, typeList] = key.split(': ');
  const types = new Set((typeList ?? '').split(', '));
  const configTable = table === 'appserviceresources';
  return estate.filter((o) => {
    const type = String(o.type).toLowerCase();
    return types.has(type) && configTable === type.endsWith('/config');
  }).length;
}

export async function sweepBench(n: number, options: { nonCompliantShare?: number; seed?: number; clientCertsOff?: boolean } = {}): Promise<SweepFigures> {
  const { estate, kinds } = sweepEstate(n, { nonCompliantShare: options.nonCompliantShare ?? 0.1, seed: options.seed ?? 7, clientCertsOff: options.clientCertsOff });
  const pages = new Map<string, number>();
  const rig = benchRig(estate, { routes: [graphObserver(pages)] });
  const source = new ResourceGraphSource({
    credential: rig.sandbox.credential, httpClient: rig.sandbox.httpClient, endpoint: rig.sandbox.endpoint,
    subscriptions: rig.config.allowedSubscriptions, catalog,
  });
  const started = nowMs();
  let graphDone = started;
  const timed: CandidateSource = {
    async *rows() {
      for await (const row of source.rows()) yield row;
      graphDone = nowMs();
    },
  };
  const summary = await runSweep({ engine: rig.runtime.engine, source: timed, catalog, runId: `sweep-${randomUUID()}`, now: rig.runtime.clock.now() });
  const wallMs = nowMs() - started;
  if (summary.errors.length > 0) throw new Error(`sweep errors: ${JSON.stringify(summary.errors.slice(0, 3))}`);

  const calls = splitCalls(rig.sandbox.calls);
  const nonCompliant = [...kinds.values()].filter((k) => !k.compliant);
  const armReadsTarget = nonCompliant.reduce((sum, k) => sum + (k.kind === 'site' || k.kind === 'slot' ? 2 : 1), 0);
  const graphQueries = [...pages].map(([query, count]) => {
    const rows = rowsFor(query, estate);
    return { query, rows, pages: count, targetPages: Math.max(1, Math.ceil(rows / 1000)) };
  });
  const graphReadsTarget = graphQueries.reduce((sum, q) => sum + q.targetPages, 0);
  const outcomes: Record<string, number> = {};
  for (const record of summary.records) outcomes[record.outcome] = (outcomes[record.outcome] ?? 0) + 1;
  const armReadsAll = calls.reads + calls.rgTagReads + calls.lroFinalGets + calls.polls;
  const armLimitFloorMs = Math.max(Math.max(0, armReadsAll - 250) / 25, Math.max(0, calls.writes - 200) / 10) * 1000;
  return {
    n,
    nonCompliant: nonCompliant.length,
    graphQueries,
    graphReads: calls.graphReads,
    graphReadsTarget,
    evaluated: summary.evaluated,
    armReads: calls.reads,
    armReadsTarget,
    rgTagReads: calls.rgTagReads,
    armWrites: calls.writes,
    lroPolls: calls.polls,
    lroFinalGets: calls.lroFinalGets,
    records: summary.records.length,
    outcomes,
    wallMs: round(wallMs, 0),
    graphMs: round(graphDone - started, 0),
    armLimitFloorMs: round(armLimitFloorMs, 0),
    pass: calls.graphReads <= graphReadsTarget && graphQueries.every((q) => q.pages <= q.targetPages) && calls.reads <= armReadsTarget && summary.evaluated === nonCompliant.length,
  };
}
