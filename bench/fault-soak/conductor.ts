/**
 * The fault soak of issue 16. Two engine processes (./worker.ts, each with its own SDK and Table
 * clients) share one Azurite table set (audit records, leases, intents) and one ARM emulator (served
 * to them over the loopback relay in ./arm-relay.ts), receive the same Event Grid deliveries and run
 * the same drift sweeps, while the emulator throttles, fails, stalls and loses resources, polls of
 * long-running writes fail after the write was accepted, and the conductor SIGKILLs a process at
 * random moments — right after ARM accepted one of its writes, before a request of it reaches ARM,
 * or on a timer, wherever it is (a Table call, between a write and its record) — and starts a new
 * one in its place. Event Grid's redelivery (same event id) and the sweep queue's retry (same run
 * id) are played by the conductor. Then the emulator's write log and the store are compared:
 *
 *   writes without record  an ARM write (PATCH, PUT, restart) whose records — those its intent
 *                          names — are not all stored as a write (`fixed`, or `failed` with `after`)
 *   duplicate writes       a second write of one document (or a second restart) for one trigger
 *   wrong `failed`         a `failed` record saying nothing was written (`after` null, "not
 *                          applied") for a write the emulator applied
 *   records lost           a record a live process was told was stored, or that a finished
 *                          evaluation owes, missing from the store
 * and: open intents left, writes that named no intent, and `audit verify`'s findings on the store.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import type { Outcome } from '../../src/audit/record';
import { auditKeyFrom } from '../../src/audit/integrity';
import { TableAuditStore } from '../../src/audit/table-store';
import { verifyLog } from '../../src/audit/verify';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import type { ArmObject } from '../../src/controls/types';
import { tableCoordination } from '../../src/coordination/table';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { resourceGraphRoute } from '../../src/sandbox/resource-graph-route';
import { serverRestartRoute } from '../../src/sandbox/server-restart-route';
import { mysqlFlexibleServer, mysqlParameter } from '../../test/fixtures/arm-databases-messaging';
import { SUBSCRIPTION_ID } from '../../test/fixtures/arm';
import { groupName, KINDS, resourceGroups, resourceOf, seededRandom } from '../estate';
import { INTENT_HEADER, serveRelay, type RelayedRequest } from './arm-relay';
import type { IntentTag, Work, WorkerAnswer, WorkerReply, WorkerRequest, WorkerSettings } from './protocol';

export interface FaultSoakOptions {
  /** Azurite's (loopback) connection string. */
  connectionString: string;
  /** Share of ARM replies answered 429/503/500 (polls: this + 0.3). */
  faultRate: number;
  resources?: number;
  /** Share of the estate that starts out failing its controls (default 0.05). */
  driftShare?: number;
  events?: number;
  /** Drift sweeps after the events (the first overlaps the second half of the events). */
  sweeps?: number;
  seed?: number;
  /** SIGKILLs in the whole run (default 8). */
  maxKills?: number;
  /** Chance that a process is killed right after ARM accepted one of its writes (default 0.08). */
  killAfterWriteChance?: number;
  /** Chance that a process is killed as one of its ARM requests arrives, before ARM sees it (default 0.002). */
  killBeforeRequestChance?: number;
  /** How often the timer may kill a process wherever it is (default every 700 ms, chance 0.3; at most half the kills). */
  killTimerMs?: number;
  /** The engine's lease TTL (renewed every third of it; default 2 s, so a dead holder blocks briefly). */
  leaseTtlMs?: number;
  /** Progress lines on stderr. */
  trace?: boolean;
}

export interface FaultSoakInvariants {
  writesWithoutRecord: number;
  duplicateWrites: number;
  wrongFailed: number;
  recordsLost: number;
  /** Writes whose request named no intent recorded before it (counted in writesWithoutRecord too). */
  writesWithoutIntent: number;
  openIntentsLeft: number;
  /** `audit verify` over the store: edited, deleted, inserted, damaged or unverifiable records. */
  auditFindings: number;
}

export interface FaultSoakFigures {
  faultRate: number;
  seed: number;
  resources: number;
  events: number;
  sweeps: number;
  /** Sweep runs started, both processes, every retry. */
  sweepAttempts: number;
  /** Deliveries made (both processes, every attempt). */
  deliveries: number;
  /** What deliveries and sweep runs threw, by error code (a kill counts as KILLED). */
  thrown: Record<string, number>;
  armCalls: number;
  /** Share of ARM replies that were injected 429/5xx. */
  faultedShare: number;
  faultedPolls: number;
  kills: { total: number; afterWrite: number; beforeRequest: number; timer: number; processesStarted: number };
  armWrites: number;
  serverRestarts: number;
  records: number;
  outcomes: Partial<Record<Outcome, number>>;
  /** Records completed from ARM's state for a write whose evaluation died or could not read back. */
  reconciled: number;
  /** Writes accepted whose operation status could not be read (recorded from a re-read). */
  unconfirmed: number;
  deadLettered: number;
  invariants: FaultSoakInvariants;
  /** The first few violations, to debug from. */
  examples: string[];
  /** Reasons of the first few `failed` and `skipped` records (none of them is a violation by itself). */
  failedAndSkipped: string[];
  wallMs: number;
}

const TERMINAL_WRITE = new Set<Outcome>(['fixed', 'failed']);
/** Event Grid's maxDeliveryAttempts (infra/eventgrid-topic.bicep). */
const DELIVERY_ATTEMPTS = 30;
const SWEEP_ATTEMPTS = 20;
const EVENTS_IN_FLIGHT = 8;
const CLOCK_SCALE = 86_400;
const POLL_PATH = /operationresults|asyncoperation|operationsstatus/i;
const GRAPH_PATH = /microsoft\.resourcegraph/i;
const WORKER = join(__dirname, 'worker.ts');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface SoakResource {
  id: string;
  kind: (typeof KINDS)[number] | 'mysql';
  objects: ArmObject[];
}

class Killed extends Error {
  readonly code = 'KILLED';
}

/** One engine process at a time in a named slot (A, B); a killed one is replaced on next use. */
class Slot {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  /** The current process's requests awaiting an answer (each process has its own). */
  private pending = new Map<number, { resolve: (reply: WorkerAnswer) => void; reject: (err: Error) => void }>();
  private nextId = 1;
  started = 0;
  instance = '';
  private stderr = '';

  constructor(readonly name: string, private readonly settings: (instance: string) => WorkerSettings) {}

  /** Set at the SIGKILL: the exit event that follows comes a moment later. */
  private killed = false;

  get alive(): boolean {
    return this.child !== undefined && !this.killed && this.child.exitCode === null && this.child.signalCode === null;
  }

  private start(): Promise<void> {
    this.instance = `${this.name}#${this.started}`;
    this.started += 1;
    const child = fork(WORKER, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, FAULT_SOAK_WORKER: JSON.stringify(this.settings(this.instance)) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    this.killed = false;
    const pending = new Map<number, { resolve: (reply: WorkerAnswer) => void; reject: (err: Error) => void }>();
    this.pending = pending;
    // A message sent as the process dies fails here; its delivery is rejected by the exit below.
    child.on('error', () => undefined);
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message: WorkerReply) => {
        if ('ready' in message) {
          resolve();
          return;
        }
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        waiting?.resolve(message);
      });
      child.once('exit', (code, signal) => {
        reject(signal === 'SIGKILL' ? new Killed(`${this.instance} was killed while starting`) : new Error(`worker ${this.instance} exited (${code ?? signal}) before it was ready: ${this.stderr}`));
        for (const waiting of pending.values()) waiting.reject(new Killed('the process was killed'));
        pending.clear();
      });
    });
    return ready;
  }

  /** The live process, starting one when there is none (or the last one was killed). */
  async live(): Promise<void> {
    if (!this.alive || !this.ready) this.ready = this.start();
    await this.ready;
  }

  async request(work: Work): Promise<WorkerAnswer> {
    await this.live();
    const child = this.child;
    if (!child || !this.alive || !child.connected) throw new Killed(`${this.instance} is not running`);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: WorkerRequest = { ...work, id };
      child.send(request);
    });
  }

  /** SIGKILL: the process gets no chance to catch, finish, release or renew anything. */
  kill(): boolean {
    if (!this.alive) return false;
    this.killed = true;
    this.child?.kill('SIGKILL');
    return true;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }
}

function estate(count: number, random: () => number, driftShare: number): SoakResource[] {
  return Array.from({ length: count }, (_, i): SoakResource => {
    if (i % 25 === 24) {
      // Half of them drifted: a restart at stake in every run.
      const compliant = random() >= 0.5;
      // A MySQL flexible server: its TLS fix needs a server restart, which must happen once.
      const name = `mysql-soak-${i}`;
      const placement = { name, resourceGroup: groupName(i, 8), subscriptionId: SUBSCRIPTION_ID };
      const server = mysqlFlexibleServer({}, placement);
      const objects: ArmObject[] = [server];
      if (!compliant) {
        objects.push(mysqlParameter('tls_version', { value: 'TLSv1,TLSv1.1,TLSv1.2' }, { ...placement, server: name }));
        objects.push(mysqlParameter('require_secure_transport', { value: 'OFF' }, { ...placement, server: name }));
      }
      return { id: String(server.id), kind: 'mysql', objects };
    }
    const compliant = random() >= driftShare;
    // No exemptions here (test/soak/soak.test.ts covers them): this soak's time goes to the writes.
    const resource = resourceOf(KINDS[i % KINDS.length], i, compliant, 8);
    return { id: resource.id, kind: resource.kind, objects: resource.objects };
  });
}

/** Values another actor writes back when it undoes a fix. */
const UNDO: Record<SoakResource['kind'], Record<string, Record<string, string | boolean>>> = {
  site: { self: { httpsOnly: false }, 'config/web': { minTlsVersion: '1.0', ftpsState: 'AllAllowed' } },
  slot: { self: { httpsOnly: false }, 'config/web': { scmMinTlsVersion: '1.1' } },
  storage: { self: { minimumTlsVersion: 'TLS1_0' } },
  redis: { self: { enableNonSslPort: true } },
  mysql: { 'configurations/require_secure_transport': { value: 'OFF' } },
};

function undo(sandbox: ArmSandbox, resource: SoakResource): void {
  for (const [target, values] of Object.entries(UNDO[resource.kind])) {
    const current = sandbox.get(target === 'self' ? resource.id : `${resource.id}/${target}`);
    if (current) sandbox.set({ ...current, properties: { ...(current.properties as Record<string, never>), ...values } });
  }
}

interface Observed {
  /** Every intent a write named, by id. */
  intents: Map<string, IntentTag>;
  /** Record ids a live process was told were stored. */
  reported: Set<string>;
  /** Record ids finished evaluations owe the store. */
  owed: Set<string>;
  thrown: Record<string, number>;
  deliveries: number;
  kills: { afterWrite: number; beforeRequest: number; timer: number };
}

export async function faultSoak(options: FaultSoakOptions): Promise<FaultSoakFigures> {
  const started = performance.now();
  const seed = options.seed ?? 20261203;
  const random = seededRandom(seed + Math.round(options.faultRate * 100));
  const resources = estate(options.resources ?? 2000, random, options.driftShare ?? 0.05);
  const p = options.faultRate;
  const trace = options.trace ? (m: string): void => void process.stderr.write(`[fault-soak ${p}] ${Math.round(performance.now() - started)} ms ${m}\n`) : (): void => undefined;

  const sandbox = new ArmSandbox({
    estate: [...resourceGroups(8), ...resources.flatMap((r) => r.objects)],
    // Mostly 0–3 ms; a quarter of the fault rate's share of requests stall 20–50 ms.
    latencyMs: () => (random() < p / 4 ? 20 + random() * 30 : random() * 3),
    recordCalls: false,
  });
  const restarts = serverRestartRoute();
  sandbox.addRoute(restarts.route);
  sandbox.addRoute(resourceGraphRoute(sandbox));
  // One draw per request decides its fault: 429 for the first half of the share, 503, then 500.
  // Polls fail more often (p + 0.3), so accepted writes whose status cannot be read are common.
  let draw = 1;
  let faultedPolls = 0;
  const share = (path: string): number => (POLL_PATH.test(path) ? Math.min(0.9, p + 0.3) : p);
  const countPoll = (hit: boolean, path: string): boolean => {
    if (hit && POLL_PATH.test(path)) faultedPolls += 1;
    return hit;
  };
  const forever = 1_000_000_000;
  sandbox.faults.throttle({ times: forever, retryAfterSeconds: 0, match: ({ path }) => {
    draw = random();
    return countPoll(draw < share(path) * 0.5, path);
  } });
  sandbox.faults.serverError({ times: forever, status: 503, match: ({ path }) => countPoll(draw < share(path) * 0.75, path) });
  sandbox.faults.serverError({ times: forever, status: 500, match: ({ path }) => countPoll(draw < share(path), path) });

  const observed: Observed = { intents: new Map(), reported: new Set(), owed: new Set(), thrown: {}, deliveries: 0, kills: { afterWrite: 0, beforeRequest: 0, timer: 0 } };
  let killsLeft = options.maxKills ?? 8;
  // The timer takes at most half: the rest are kept for the moments right after a write.
  let timerKillsLeft = Math.floor(killsLeft / 2);
  const slots: Slot[] = [];
  const slotOf = (instance: string): Slot | undefined => slots.find((s) => s.instance === instance && s.alive);
  const killChanceAfterWrite = options.killAfterWriteChance ?? 0.08;
  const killChanceBefore = options.killBeforeRequestChance ?? 0.002;
  const kill = (slot: Slot | undefined, how: keyof Observed['kills']): boolean => {
    if (killsLeft <= 0 || !slot || !slot.kill()) return false;
    killsLeft -= 1;
    observed.kills[how] += 1;
    trace(`killed ${slot.instance} (${how})`);
    return true;
  };
  const relay = await serveRelay(sandbox.httpClient, sandbox.endpoint, {
    before: (relayed: RelayedRequest) => {
      const tag = relayed.soak[INTENT_HEADER];
      if (tag !== undefined) {
        const intent = JSON.parse(tag) as IntentTag;
        observed.intents.set(intent.id, intent);
      }
      if (random() < killChanceBefore && kill(slotOf(relayed.instance), 'beforeRequest')) return false;
      return true;
    },
    after: (relayed, response) => {
      const path = new URL(relayed.request.url).pathname;
      const wrote = relayed.request.method !== 'GET' && !GRAPH_PATH.test(path) && response.status < 300;
      return !(wrote && random() < killChanceAfterWrite && kill(slotOf(relayed.instance), 'afterWrite'));
    },
  });

  const tag = `${Math.round(p * 100)}s${seed % 100_000}${randomBytes(3).toString('hex')}`;
  const auditTable = `faultsoak${tag}audit`;
  const leaseTable = `faultsoak${tag}leases`;
  const auditKey = randomBytes(32).toString('base64');
  const config: WardenConfig = {
    // MySQL's tls_version fix (report by default) enforced with restarts allowed: a restart is the
    // write that must never happen twice.
    ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID], allowRestarts: true,
    controlModes: { 'mysql-flexible-min-tls': 'enforce' },
    writeBudget: { maxWrites: 1_000_000, windowMinutes: 1 },
  };
  const t0 = Date.parse('2026-12-01T00:00:00Z');
  const real0 = Date.now();
  const settings = (instance: string): WorkerSettings => ({
    instance, relayPort: relay.port, connectionString: options.connectionString, auditTable, leaseTable, auditKey, config,
    leaseTtlMs: options.leaseTtlMs ?? 2000, t0, real0, clockScale: CLOCK_SCALE,
  });
  slots.push(new Slot('A', settings), new Slot('B', settings));
  let timer: NodeJS.Timeout | undefined;

  const thrown = (code: string): void => {
    observed.thrown[code] = (observed.thrown[code] ?? 0) + 1;
  };
  const take = (reply: WorkerAnswer): void => {
    for (const id of reply.records) observed.reported.add(id);
    for (const id of reply.owed) observed.owed.add(id);
  };

  try {
    await Promise.all(slots.map((slot) => slot.live()));
    trace('workers ready');
    timer = setInterval(() => {
      if (timerKillsLeft > 0 && random() < 0.3 && kill(slots[Math.floor(random() * slots.length)], 'timer')) timerKillsLeft -= 1;
    }, options.killTimerMs ?? 700);
    timer.unref();
    // Event Grid: every event goes to both processes (a redelivery overlapping the first delivery),
    // each retried with backoff while it throws or its process dies, up to the attempt limit.
    const eventCount = options.events ?? 600;
    const events = Array.from({ length: eventCount }, (_, i) => ({ id: `fault-soak-${tag}-${i}`, resource: resources[Math.floor(random() * resources.length)] }));
    const deadLettered: string[] = [];
    const deliver = async (slot: Slot, event: (typeof events)[number]): Promise<void> => {
      for (let attempt = 1; ; attempt += 1) {
        observed.deliveries += 1;
        try {
          const reply = await slot.request({ kind: 'event', eventId: event.id, resourceId: event.resource.id });
          take(reply);
          if (reply.ok) return;
          thrown(reply.code ?? 'UNKNOWN');
        } catch (err) {
          thrown(err instanceof Killed ? 'KILLED' : 'WORKER_FAILED');
        }
        if (attempt >= DELIVERY_ATTEMPTS) {
          deadLettered.push(event.id);
          return;
        }
        await sleep(Math.min(5 * 2 ** attempt, 400) * (0.5 + random()));
      }
    };
    const runEvents = async (from: number, to: number): Promise<void> => {
      let next = from;
      await Promise.all(Array.from({ length: EVENTS_IN_FLIGHT }, async () => {
        while (next < to) {
          const event = events[next++];
          const roll = random();
          // What happened to the resource before (or while) the event arrives.
          if (roll < 0.03) sandbox.delete(event.resource.id);
          else if (roll < 0.06) sandbox.faults.deleteBeforeWrite(event.resource.id);
          else if (roll < 0.5) undo(sandbox, event.resource);
          await Promise.all(slots.map(async (slot, i) => {
            if (i > 0) await sleep(random() * 20);
            await deliver(slot, event);
          }));
        }
      }));
    };

    // The sweep queue: a run that reports errors or whose process dies is retried with the same run
    // id. Both processes get the message (a timer that fired twice); the run is done once one of
    // them finishes it with no error, and the other stops at its next attempt.
    let sweepAttempts = 0;
    const sweep = async (runId: string): Promise<void> => {
      let finished = false;
      await Promise.all(slots.map(async (slot) => {
        for (let attempt = 1; attempt <= SWEEP_ATTEMPTS && !finished; attempt += 1) {
          sweepAttempts += 1;
          try {
            const reply = await slot.request({ kind: 'sweep', runId });
            take(reply);
            if (reply.ok) finished = true;
            else thrown(reply.code ?? 'SWEEP_ERRORS');
            trace(`sweep ${runId} on ${slot.instance}: ${reply.records.length} records, ${reply.errors?.length ?? reply.message ?? 0} errors`);
          } catch (err) {
            thrown(err instanceof Killed ? 'KILLED' : 'WORKER_FAILED');
          }
          if (!finished) await sleep(Math.min(20 * 2 ** attempt, 500));
        }
      }));
      if (!finished) throw new Error(`sweep ${runId} did not finish in ${SWEEP_ATTEMPTS} attempts on either process`);
    };

    const half = Math.floor(eventCount / 2);
    const sweeps = Math.max(1, options.sweeps ?? 2);
    await runEvents(0, half);
    trace('events, half');
    await Promise.all([runEvents(half, eventCount), sweep(`sweep-${tag}-1`)]);
    for (let n = 2; n <= sweeps; n += 1) {
      for (const resource of resources) if (random() < 0.04) undo(sandbox, resource);
      trace(`sweep ${n}`);
      await sweep(`sweep-${tag}-${n}`);
    }
    clearInterval(timer);
    await Promise.all(slots.map((slot) => slot.stop()));
    const processesStarted = slots.reduce((n, s) => n + s.started, 0);
    return await check({
      sandbox, restarts, observed, connectionString: options.connectionString, auditTable, leaseTable, auditKey,
      figures: {
        faultRate: p, seed, resources: resources.length, events: eventCount, sweeps, sweepAttempts, deliveries: observed.deliveries,
        thrown: observed.thrown, faultedPolls, deadLettered: deadLettered.length,
        kills: { total: observed.kills.afterWrite + observed.kills.beforeRequest + observed.kills.timer, ...observed.kills, processesStarted },
      },
      deadLettered, started,
    });
  } finally {
    clearInterval(timer);
    await Promise.all(slots.map((slot) => slot.stop()));
    await relay.close();
  }
}

type Partial0 = Pick<FaultSoakFigures, 'faultRate' | 'seed' | 'resources' | 'events' | 'sweeps' | 'sweepAttempts' | 'deliveries' | 'thrown' | 'faultedPolls' | 'deadLettered' | 'kills'>;

async function check(run: {
  sandbox: ArmSandbox; restarts: ReturnType<typeof serverRestartRoute>; observed: Observed; connectionString: string;
  auditTable: string; leaseTable: string; auditKey: string; figures: Partial0; deadLettered: string[]; started: number;
}): Promise<FaultSoakFigures> {
  const examples: string[] = [];
  const note = (text: string): void => {
    if (examples.length < 12) examples.push(text);
  };
  const client = (name: string): TableClient => TableClient.fromConnectionString(run.connectionString, name, { allowInsecureConnection: true });
  const store = new TableAuditStore(client(run.auditTable), { createTable: false, key: auditKeyFrom(run.auditKey) });
  const log = await store.scan();
  const records = log.records;
  const byId = new Map(records.map((r) => [r.id, r]));
  const openLeft = await tableCoordination(client(run.leaseTable), { createTable: false }).intents.list();
  const report = verifyLog(log, auditKeyFrom(run.auditKey));

  const invariants: FaultSoakInvariants = {
    writesWithoutRecord: 0, duplicateWrites: 0, wrongFailed: 0, recordsLost: 0, writesWithoutIntent: 0,
    openIntentsLeft: openLeft.length, auditFindings: report.findings.length,
  };
  for (const intent of openLeft) note(`intent left open: ${intent.id} ${intent.resourceId} ${intent.step}`);
  for (const finding of report.findings.slice(0, 3)) note(`audit verify: ${JSON.stringify(finding).slice(0, 300)}`);
  const writes = [
    ...run.sandbox.writes.map((w, i) => ({ id: w.id, what: `write ${w.target}`, clientRequestId: run.sandbox.writeClientRequestIds[i] ?? null })),
    ...run.restarts.restarts.map((r) => ({ id: r.id, what: 'restart', clientRequestId: r.clientRequestId })),
  ];
  const perTrigger = new Map<string, number>();
  const writtenRecordIds = new Set<string>();
  for (const write of writes) {
    const intent = write.clientRequestId === null ? undefined : run.observed.intents.get(write.clientRequestId);
    if (!intent) {
      invariants.writesWithoutIntent += 1;
      invariants.writesWithoutRecord += 1;
      note(`${write.what} of ${write.id} named no intent (${String(write.clientRequestId)})`);
      continue;
    }
    const key = `${intent.trigger}|${intent.resourceId.toLowerCase()}|${intent.target}|${intent.step}`;
    const seen = (perTrigger.get(key) ?? 0) + 1;
    perTrigger.set(key, seen);
    if (seen > 1) {
      invariants.duplicateWrites += 1;
      note(`duplicate ${write.what} of ${write.id} for ${key}`);
    }
    const stored = intent.recordIds.map((id) => byId.get(id));
    if (stored.length === 0 || stored.some((r) => r === undefined || r.after === null || !TERMINAL_WRITE.has(r.outcome))) {
      invariants.writesWithoutRecord += 1;
      note(`${write.what} of ${write.id} (intent ${intent.id}) recorded as ${stored.map((r) => (r ? `${r.outcome}/after=${JSON.stringify(r.after)}` : 'missing')).join(', ')}`);
    }
    for (const id of intent.recordIds) writtenRecordIds.add(id);
  }
  for (const record of records) {
    if (record.outcome !== 'failed' || !writtenRecordIds.has(record.id)) continue;
    if (record.after === null || /not applied/i.test(record.reason)) {
      invariants.wrongFailed += 1;
      note(`wrong failed ${record.id} ${record.resourceId} ${record.control}: ${record.reason}`);
    }
  }
  for (const event of run.deadLettered) note(`dead-lettered ${event}`);
  for (const id of new Set([...run.observed.reported, ...run.observed.owed])) {
    if (!byId.has(id)) {
      invariants.recordsLost += 1;
      note(`record ${id} owed but not stored`);
    }
  }
  const outcomes: Partial<Record<Outcome, number>> = {};
  for (const record of records) outcomes[record.outcome] = (outcomes[record.outcome] ?? 0) + 1;
  const counts = run.sandbox.counts();
  const faulted = (counts.byStatus[429] ?? 0) + (counts.byStatus[500] ?? 0) + (counts.byStatus[503] ?? 0);
  return {
    ...run.figures,
    armCalls: counts.total,
    faultedShare: Math.round((faulted / Math.max(1, counts.total)) * 1000) / 1000,
    armWrites: run.sandbox.writes.length,
    serverRestarts: run.restarts.restarts.length,
    records: records.length,
    outcomes,
    reconciled: records.filter((r) => /an earlier attempt \(/.test(r.reason)).length,
    unconfirmed: records.filter((r) => /read back to verify/.test(r.reason)).length,
    invariants,
    examples,
    failedAndSkipped: records.filter((r) => r.outcome === 'failed' || r.outcome === 'skipped').slice(0, 6).map((r) => `${r.outcome} ${r.control}: ${r.reason.slice(0, 240)}`),
    wallMs: Math.round(performance.now() - run.started),
  };
}
