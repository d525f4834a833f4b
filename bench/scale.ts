/**
 * Enterprise scale (issue 15): a management group of S subscriptions × R covered resources, a
 * seeded 10 % drifted, swept through the real timer and queue handlers (src/handlers/drift-sweep.ts)
 * against the emulator enforcing Resource Graph's per-identity quota and ARM's per identity ×
 * subscription token buckets (src/sandbox/quota.ts). Queue consumers are simulated in process:
 * `instances` of them take messages in order, a throwing message is redelivered up to 5 times
 * (the host's maxDequeueCount) and then poisoned.
 *
 * Figures: Graph queries, ARM reads and writes, 429s seen, messages retried / poisoned, drifted
 * resources left without a record, wall time as a ratio of the least time the quotas alone allow,
 * and the process's peak RSS (emulator included, so an upper bound for one consumer).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as functions from '@azure/functions';
import type { Timer } from '@azure/functions';
import { MemoryAuditStore } from '../src/audit/memory-store';
import { DEFAULT_CONFIG, type WardenConfig } from '../src/config';
import { catalog } from '../src/controls';
import type { ArmObject } from '../src/controls/types';
import { driftSweepTimer, sweepQueueOutput, sweepSubscription, type SweepRuntime } from '../src/handlers/drift-sweep';
import { createLogger } from '../src/logger';
import { createRuntime } from '../src/runtime';
import { ArmSandbox } from '../src/sandbox/arm-sandbox';
import { armListRoute, resourceGraphRoute } from '../src/sandbox/resource-graph-route';
import { GRAPH_DEFAULT, ARM_READS_DEFAULT, ARM_WRITES_DEFAULT } from '../src/sandbox/quota';
import { redisCache, resourceGroup, site, siteConfig, storageAccount } from '../test/fixtures/arm';
import { fileService, fileServicesId } from '../src/kinds/storage/fixtures';
import { sweepSource } from '../src/azure/sweep-source';
import { GRAPH_ABSENT_TYPES } from '../src/kinds/graph-coverage';

const COVERED_TYPES = new Set(catalog.flatMap((c) => c.resourceTypes.map((t) => t.toLowerCase())));
import { seededRandom } from './estate';
import { nowMs, round } from './harness';

export interface ScaleFigures {
  subscriptions: number;
  /** Graph rows: covered resources of Graph's resources table plus App Service config documents (appserviceresources). */
  rows: number;
  /** Covered resources Graph has no rows of (storage file services), found by ARM list calls. */
  listedRows: number;
  drifted: number;
  graphQueries: number;
  /** ceil(rows / 1,000) + tables × subscription batches + the scope resolution's pages. */
  graphQueriesTarget: number;
  armReads: number;
  armWrites: number;
  /** 429 answers the emulator's quotas gave, all kinds together; by kind in throttledByKind. */
  throttled: number;
  throttledByKind: { graph: number; reads: number; writes: number };
  retried: number;
  poisoned: number;
  unrecorded: number;
  wallMs: number;
  quotaBoundMs: number;
  ratioToQuotaBound: number;
  timeScale: number;
  /** Resident memory the consumers added above the emulator's baseline (all in one process: an upper bound for one). */
  peakRssMiB: number;
  /** The whole process's peak, emulator and estate included. */
  processPeakRssMiB: number;
  messages: { batch: number; candidates: number };
}

const MANAGEMENT_GROUP = 'mg-bench';
const MAX_DEQUEUE = 5;

function subscriptionIdOf(i: number): string {
  return `10000000-0000-0000-0000-${String(i).padStart(12, '0')}`;
}

/**
 * Per subscription: 20 % sites (each with its config/web row), 20 % storage accounts and 20 % their
 * file services (Graph has no rows of those: the sweep lists them with ARM calls), 40 % Redis caches.
 */
function scaleEstate(subscriptions: number, perSubscription: number, driftShare: number, seed: number): { estate: ArmObject[]; drifted: Set<string> } {
  const random = seededRandom(seed);
  const estate: ArmObject[] = [];
  const drifted = new Set<string>();
  const sites = Math.round(perSubscription * 0.2);
  const accounts = Math.round(perSubscription * 0.2);
  const secureFiles = fileService();
  const openFiles = fileService({ versions: 'SMB2.1;SMB3.0;SMB3.1.1' });
  for (let s = 0; s < subscriptions; s += 1) {
    const placement = { subscriptionId: subscriptionIdOf(s), resourceGroup: 'rg-scale' };
    estate.push(resourceGroup(placement));
    const add = (resource: ArmObject, bad: boolean): void => {
      estate.push(resource);
      if (bad) drifted.add(String(resource.id).toLowerCase());
    };
    for (let i = 0; i < sites; i += 1) {
      const bad = random() < driftShare;
      add(site(bad ? { httpsOnly: false } : { httpsOnly: true, clientCertEnabled: true }, { ...placement, name: `app-${s}-${i}` }), bad);
      estate.push(siteConfig({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' }, { ...placement, site: `app-${s}-${i}` }));
    }
    for (let i = 0; i < accounts; i += 1) {
      const name = `st${s}x${i}`;
      const bad = random() < driftShare;
      add(storageAccount(bad ? { minimumTlsVersion: 'TLS1_0' } : {}, { ...placement, name }), bad);
      const badFiles = random() < driftShare;
      add({ ...structuredClone(badFiles ? openFiles : secureFiles), id: fileServicesId(name, placement) }, badFiles);
    }
    for (let i = sites + 2 * accounts; i < perSubscription; i += 1) {
      const bad = random() < driftShare;
      add(redisCache(bad ? { enableNonSslPort: true } : {}, { ...placement, name: `redis-${s}-${i}` }), bad);
    }
  }
  return { estate, drifted };
}

const timer: Timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } };

export async function scaleBench(options: { subscriptions?: number; perSubscription?: number; timeScale?: number; instances?: number; seed?: number } = {}): Promise<ScaleFigures> {
  const subscriptions = options.subscriptions ?? 1000;
  const perSubscription = options.perSubscription ?? 100;
  const timeScale = options.timeScale ?? 1;
  const instances = options.instances ?? 8;
  const { estate, drifted } = scaleEstate(subscriptions, perSubscription, 0.1, options.seed ?? 15);

  const sandbox = new ArmSandbox({
    estate, recordCalls: false, quotas: { timeScale },
    managementGroups: { [MANAGEMENT_GROUP]: { subscriptions: Array.from({ length: subscriptions }, (_, i) => subscriptionIdOf(i)) } },
  });
  sandbox.addRoute(resourceGraphRoute(sandbox));
  sandbox.addRoute(armListRoute(sandbox));
  const config: WardenConfig = {
    ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [], allowedManagementGroups: [MANAGEMENT_GROUP],
    writeBudget: { maxWrites: 1_000_000, windowMinutes: 60 },
  };
  const audit = new MemoryAuditStore();
  const runtime = createRuntime({
    config, credential: sandbox.credential, endpoint: sandbox.endpoint, httpClient: sandbox.httpClient, audit,
    logger: createLogger({ level: 'silent' }), pollIntervalMs: 0, retryOptions: { retryDelayInMs: 100, maxRetryDelayInMs: 2000 },
  });
  // The emulator and its estate are not the consumer's: what they hold before the sweep starts is
  // the baseline, and the consumers' figure is the peak above it (all `instances` of them share this
  // process, so it bounds one consumer from above).
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
  sampler.unref();
  const started = nowMs();
  const silent = (): functions.InvocationContext => new functions.InvocationContext({ functionName: 'bench', logHandler: () => undefined });

  const queue: { body: string; dequeues: number }[] = [];
  let retried = 0;
  let poisoned = 0;
  const counts = { batch: 0, candidates: 0 };
  let active = 0;
  let finish: (() => void) | undefined;
  let fail: ((err: unknown) => void) | undefined;
  const done = new Promise<void>((resolve, reject) => { finish = resolve; fail = reject; });
  // The queue the batch messages send to as they read Graph (src/azure/sweep-queue.ts in Azure).
  const sweepRuntime: SweepRuntime = {
    ...runtime,
    // As the deployed app builds it (TRANSIT_WARDEN_SWEEP_SOURCE=auto), on the emulator's transport.
    graphSourceFactory: (batch) => sweepSource({
      setting: 'auto', credential: sandbox.credential, endpoint: sandbox.endpoint, httpClient: sandbox.httpClient, subscriptions: batch, catalog, logger: runtime.logger, graph: runtime.resourceGraph(),
    }),
    sweepQueue: { send: async (messages) => { enqueue(messages); pump(); } },
  };
  const handler = sweepSubscription(sweepRuntime);
  const enqueue = (messages: readonly unknown[]): void => { for (const m of messages) queue.push({ body: JSON.stringify(m), dequeues: 0 }); };
  const pump = (): void => {
    if (queue.length === 0 && active === 0) return finish?.();
    while (active < instances && queue.length > 0) {
      const message = queue.shift();
      if (!message) break;
      message.dequeues += 1;
      active += 1;
      const ctx = silent();
      handler(message.body, ctx).then(
        (result) => {
          counts[result.kind === 'candidates' ? 'candidates' : 'batch'] += 1;
          const out = ctx.extraOutputs.get(sweepQueueOutput);
          if (Array.isArray(out)) enqueue(out);
        },
        (err: unknown) => {
          if (process.env.SCALE_DEBUG) process.stderr.write(`message failed: ${err instanceof Error ? err.message : String(err)}\n`);
          // Functions makes the message visible again after a failure, and poisons it after maxDequeueCount.
          if (message.dequeues < MAX_DEQUEUE) { retried += 1; queue.push(message); } else poisoned += 1;
        },
      ).finally(() => { active -= 1; pump(); }).catch((err: unknown) => fail?.(err));
    }
  };
  enqueue(await driftSweepTimer(sweepRuntime)(timer, silent()));
  pump();
  await done;
  const wallMs = nowMs() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const recorded = new Set((await audit.query({})).map((r) => r.resourceId.toLowerCase()));
  const unrecorded = [...drifted].filter((id) => !recorded.has(id)).length;
  const quota = sandbox.quotas?.counts() ?? { graph: { requests: 0, throttled: 0 }, reads: { requests: 0, throttled: 0 }, writes: { requests: 0, throttled: 0 } };
  // What Graph holds: the covered resources, and every App Service config document (the sandbox
  // adds config/authsettingsV2 beside config/web on load, as Azure has both for every site).
  let graphRows = 0;
  let listedRows = 0;
  for (const object of sandbox.objects()) {
    const type = String(object.type).toLowerCase();
    if (GRAPH_ABSENT_TYPES.has(type)) listedRows += 1;
    else if (type === 'microsoft.web/sites/config' || COVERED_TYPES.has(type)) graphRows += 1;
  }
  const rows = graphRows;
  const batches = Math.ceil(subscriptions / 1000);
  const graphQueries = quota.graph.requests;
  // Resources table and App Service config table per batch, plus the management group's subscriptions.
  const graphQueriesTarget = Math.ceil(rows / 1000) + 2 * batches + Math.ceil(subscriptions / 1000);
  // The least time the quotas alone allow: Graph's fixed windows (the last window's queries go at
  // its start), and each subscription's ARM buckets beyond their burst; in wall time at timeScale.
  const windowWallMs = GRAPH_DEFAULT.windowMs / timeScale;
  const graphBoundMs = (Math.ceil(graphQueries / GRAPH_DEFAULT.limit) - 1) * windowWallMs;
  const perSubscriptionReads = (quota.reads.requests) / subscriptions;
  const perSubscriptionWrites = (quota.writes.requests) / subscriptions;
  const readBoundMs = Math.max(0, (perSubscriptionReads - ARM_READS_DEFAULT.capacity) / ARM_READS_DEFAULT.refillPerSecond) * 1000 / timeScale;
  const writeBoundMs = Math.max(0, (perSubscriptionWrites - ARM_WRITES_DEFAULT.capacity) / ARM_WRITES_DEFAULT.refillPerSecond) * 1000 / timeScale;
  const quotaBoundMs = Math.max(graphBoundMs, readBoundMs, writeBoundMs);
  return {
    subscriptions, rows, listedRows, drifted: drifted.size, graphQueries, graphQueriesTarget,
    armReads: quota.reads.requests, armWrites: quota.writes.requests,
    throttled: quota.graph.throttled + quota.reads.throttled + quota.writes.throttled,
    throttledByKind: { graph: quota.graph.throttled, reads: quota.reads.throttled, writes: quota.writes.throttled },
    retried, poisoned, unrecorded,
    wallMs: round(wallMs), quotaBoundMs: round(quotaBoundMs), ratioToQuotaBound: quotaBoundMs > 0 ? round(wallMs / quotaBoundMs, 2) : Number.NaN,
    timeScale, peakRssMiB: round((peakRss - baselineRss) / 1024 / 1024), processPeakRssMiB: round(peakRss / 1024 / 1024), messages: counts,
  };
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const number = (flag: string): number | undefined => {
    const at = argv.indexOf(flag);
    return at >= 0 ? Number(argv[at + 1]) : undefined;
  };
  scaleBench({ subscriptions: number('--subscriptions'), perSubscription: number('--per-subscription'), timeScale: number('--time-scale'), instances: number('--instances') })
    .then((figures) => {
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
      // --record: put the figures into bench/results.json beside the others, without re-running those.
      if (argv.includes('--record')) {
        const file = join(__dirname, 'results.json');
        const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        writeFileSync(file, `${JSON.stringify({ ...results, scale: figures }, null, 2)}\n`);
      }
    })
    .catch((err: unknown) => { process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`); process.exitCode = 1; });
}
