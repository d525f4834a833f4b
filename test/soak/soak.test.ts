/**
 * Soak under faults: 1,000 Event Grid deliveries over a mixed estate while the ARM emulator throttles
 * (429, Retry-After 0), fails (5xx), jitters (0–5 ms) and loses resources mid-flight, and other actors
 * keep undoing fixes. Seeded: a failure names its seed and reproduces.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import type { AuditRecord } from '../../src/audit/record';
import { ArmGateway } from '../../src/azure/gateway';
import { parseResourceId } from '../../src/core/resource-id';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { catalog } from '../../src/controls';
import { sameType, type ArmObject, type ControlDefinition } from '../../src/controls/types';
import { createEngine, EvaluationIncomplete } from '../../src/engine/engine';
import { appendAll } from '../../src/collections';
import { createIntake, type IntakeSummary } from '../../src/events/intake';
import { createLogger } from '../../src/logger';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { leafPaths } from '../../src/sandbox/json';
import { eventFor, KINDS, resourceGroups, resourceOf, seededRandom, type EstateResource } from '../../bench/estate';
import { SUBSCRIPTION_ID } from '../fixtures/arm';
import { fixedClock, SANDBOX_RETRY } from '../helpers/sandbox-runtime';

const SEED = Number(process.env.SOAK_SEED ?? 20261123);
const EVENTS = 1000;
const RESOURCES = 200;
const IN_FLIGHT = 12;
/** Event Grid's maxDeliveryAttempts in infra/eventgrid-topic.bicep. */
const DELIVERY_ATTEMPTS = 30;
const TERMINAL = new Set(['fixed', 'compliant', 'exempt', 'noncompliant', 'failed', 'skipped']);
const EXEMPT_TAGS = { 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': 'legacy clients until the Q3 migration' };

interface Delivery {
  eventId: string;
  resource: EstateResource;
  /** A redelivery of an earlier event id (Event Grid delivers at least once). */
  redelivery: boolean;
}

interface SoakRun {
  sandbox: ArmSandbox;
  audit: MemoryAuditStore;
  resources: EstateResource[];
  deliveries: Delivery[];
  summaries: Map<string, IntakeSummary[]>;
  /** Deliveries the intake threw on (Event Grid then retries them). */
  thrown: { eventId: string; error: string; code: string | undefined }[];
  /** Ids of records stored by evaluations that were then thrown for a retry (EvaluationIncomplete). */
  recordedBeforeThrow: string[];
  /** Events still failing after DELIVERY_ATTEMPTS: Event Grid would dead-letter them. */
  deadLettered: string[];
  faultedReplies: number;
  totalCalls: number;
}

function applicable(resource: EstateResource): ControlDefinition[] {
  const type = parseResourceId(resource.id).type;
  return catalog.filter((c) => c.resourceTypes.some((t) => sameType(t, type)));
}

/** The values another actor writes back when it undoes a fix (per document of the kind). */
const UNDO: Record<EstateResource['kind'], Record<string, Record<string, string | boolean>>> = {
  site: { self: { httpsOnly: false }, 'config/web': { minTlsVersion: '1.0', ftpsState: 'AllAllowed' } },
  slot: { self: { httpsOnly: false }, 'config/web': { scmMinTlsVersion: '1.1' } },
  storage: { self: { minimumTlsVersion: 'TLS1_0' } },
  redis: { self: { enableNonSslPort: true } },
};

function undoFixes(sandbox: ArmSandbox, resource: EstateResource): void {
  for (const [target, values] of Object.entries(UNDO[resource.kind])) {
    const current = sandbox.get(target === 'self' ? resource.id : `${resource.id}/${target}`);
    if (current) sandbox.set({ ...current, properties: { ...(current.properties as Record<string, never>), ...values } });
  }
}

/**
 * The union of the controls' fix paths per `type|target`, from the catalog itself: each fix is
 * asked for its patch on a non-compliant sample of the kind.
 */
function fixPaths(): Map<string, Set<string>> {
  const allowed = new Map<string, Set<string>>();
  for (const kind of KINDS) {
    const sample = resourceOf(kind, 0, false, 1);
    const resource = sample.objects.find((o) => String(o.id) === sample.id) as ArmObject;
    const type = parseResourceId(sample.id).type;
    for (const control of applicable(sample)) {
      if (!control.fix) continue;
      const document = control.target === 'self' ? resource : sample.objects.find((o) => String(o.id) === `${sample.id}/${control.target}`);
      const key = `${type.toLowerCase()}|${control.target}`;
      const paths = allowed.get(key) ?? new Set<string>();
      if (!document && control.target === 'config/authsettingsV2') {
        // The bench estate lists no auth settings: the sandbox creates them compliant, so this fix
        // has nothing to write; its declared paths are still all it may write.
        for (const path of control.fixPaths ?? []) paths.add(path);
        allowed.set(key, paths);
        continue;
      }
      if (!document) throw new Error(`the ${kind} sample has no ${control.target} document`);
      for (const path of leafPaths(control.fix(document, resource))) paths.add(path);
      allowed.set(key, paths);
    }
  }
  return allowed;
}

async function soak(): Promise<SoakRun> {
  const random = seededRandom(SEED);
  const resources = Array.from({ length: RESOURCES }, (_, i) => {
    const resource = resourceOf(KINDS[i % KINDS.length], i, random() < 0.5, 8);
    // One in ten is exempt by tag, so the exempt path runs under the same faults.
    if (random() < 0.1) resource.objects.filter((o) => String(o.id).toLowerCase() === resource.id.toLowerCase()).forEach((o) => (o.tags = { ...EXEMPT_TAGS }));
    return resource;
  });
  const sandbox = new ArmSandbox({ estate: [...resourceGroups(8), ...resources.flatMap((r) => r.objects)], latencyMs: () => random() * 5 });
  // About one request in five is answered by a fault; each matcher draws from the seeded stream.
  sandbox.faults.throttle({ times: 1_000_000, retryAfterSeconds: 0, match: () => random() < 0.1 });
  sandbox.faults.serverError({ times: 1_000_000, status: 503, match: () => random() < 0.06 });
  sandbox.faults.serverError({ times: 1_000_000, status: 500, match: () => random() < 0.05 });

  const audit = new MemoryAuditStore();
  const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 1, retryOptions: SANDBOX_RETRY });
  const config: WardenConfig = {
    ...DEFAULT_CONFIG,
    mode: 'enforce',
    allowedSubscriptions: [SUBSCRIPTION_ID],
    // Raised so fixes keep being written; the flap guard still quarantines resources undone too often.
    writeBudget: { maxWrites: 100_000, windowMinutes: 60 },
  };
  const engine = createEngine({ ports: { reader: gateway, writer: gateway, audit, clock: fixedClock() }, config, catalog, logger: createLogger({ level: 'silent' }) });
  const intake = createIntake({ engine, config, catalog });

  const deliveries: Delivery[] = [];
  for (let i = 0; i < EVENTS; i += 1) {
    if (i > 0 && random() < 0.05) deliveries.push({ ...deliveries[Math.floor(random() * deliveries.length)], redelivery: true });
    else deliveries.push({ eventId: `soak-${SEED}-${i}`, resource: resources[Math.floor(random() * resources.length)], redelivery: false });
  }

  const run: SoakRun = { sandbox, audit, resources, deliveries, summaries: new Map(), thrown: [], recordedBeforeThrow: [], deadLettered: [], faultedReplies: 0, totalCalls: 0 };
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < deliveries.length) {
        const index = next++;
        const delivery = deliveries[index];
        const { resource } = delivery;
        const roll = random();
        if (!delivery.redelivery && roll < 0.03) {
          // Gone before we read it: the engine must skip, not fail or write.
          sandbox.delete(resource.id);
        } else if (!delivery.redelivery && roll < 0.08) {
          // Gone between our read and our write: the PATCH meets a 404.
          sandbox.faults.deleteBeforeWrite(resource.id);
        } else if (!delivery.redelivery && roll < 0.3) {
          // Someone (a pipeline, a person) undoes the fix again.
          undoFixes(sandbox, resource);
        }
        // Event Grid's contract: a delivery the function throws on is delivered again, up to its
        // attempt limit (infra/eventgrid-topic.bicep), then dead-lettered.
        for (let attempt = 1; ; attempt += 1) {
          try {
            const summary = await intake.handle(eventFor(resource.id, delivery.eventId));
            run.summaries.set(delivery.eventId, [...(run.summaries.get(delivery.eventId) ?? []), summary]);
            break;
          } catch (err) {
            const code = (err as { code?: string }).code;
            run.thrown.push({ eventId: delivery.eventId, error: err instanceof Error ? err.message : String(err), code });
            // An evaluation retried for a refused write still stored its other controls' records.
            if (err instanceof EvaluationIncomplete) appendAll(run.recordedBeforeThrow, err.recorded.map((r) => r.id));
            if (attempt >= DELIVERY_ATTEMPTS) {
              run.deadLettered.push(delivery.eventId);
              break;
            }
            // Event Grid backs off between attempts (10 s, 30 s, 1 min, …); a resource whose lease
            // another delivery holds is free once that delivery has recorded its outcome.
            if (code === 'LEASE_BUSY') await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 100)));
          }
        }
      }
    }),
  );
  const counts = sandbox.counts();
  run.totalCalls = counts.total;
  run.faultedReplies = (counts.byStatus[429] ?? 0) + (counts.byStatus[500] ?? 0) + (counts.byStatus[503] ?? 0);
  return run;
}

describe(`soak under faults (seed ${SEED})`, () => {
  let run: SoakRun;
  let records: AuditRecord[];
  beforeAll(async () => {
    run = await soak();
    records = run.audit.all();
  }, 60_000);

  it('injects the faults it claims to: about a fifth of all ARM replies are 429 or 5xx', () => {
    expect(run.totalCalls).toBeGreaterThan(EVENTS);
    const share = run.faultedReplies / run.totalCalls;
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.3);
  });

  it('throws only for ARM failures that a retry may not meet and for resources another delivery holds, and every event lands within its delivery attempts', () => {
    // The SDK pipeline retries first; what still fails before any write is thrown so Event Grid
    // delivers the event again, instead of closing it with a `failed` record. Two deliveries for
    // one resource in flight at once take turns: the second throws LEASE_BUSY and comes back.
    for (const thrown of run.thrown) {
      expect(['THROTTLED', 'ARM_REQUEST_FAILED', 'LEASE_BUSY'], thrown.error).toContain(thrown.code);
      if (thrown.code !== 'LEASE_BUSY') expect(thrown.error).toMatch(/ARM answered (429|5\d\d)/);
    }
    expect(run.thrown.some((t) => t.code === 'LEASE_BUSY')).toBe(true);
    expect(run.deadLettered).toEqual([]);
  });

  it('evaluates every first delivery once and recognises every redelivery as a duplicate', () => {
    for (const delivery of run.deliveries) {
      const summaries = run.summaries.get(delivery.eventId) ?? [];
      const evaluated = summaries.reduce((n, s) => n + s.evaluated, 0);
      const duplicates = summaries.reduce((n, s) => n + s.duplicates.length, 0);
      expect(evaluated, delivery.eventId).toBe(1);
      expect(evaluated + duplicates, delivery.eventId).toBe(summaries.length);
    }
  });

  it('ends every event in exactly one terminal record per applicable control', () => {
    const byEvent = new Map<string, AuditRecord[]>();
    for (const record of records) byEvent.set(String(record.eventId), [...(byEvent.get(String(record.eventId)) ?? []), record]);
    const firstDeliveries = run.deliveries.filter((d) => !d.redelivery);
    expect(byEvent.size).toBe(firstDeliveries.length);
    for (const delivery of firstDeliveries) {
      const got = byEvent.get(delivery.eventId) ?? [];
      const expected = applicable(delivery.resource).map((c) => c.id).sort();
      expect(got.map((r) => r.control).sort(), delivery.eventId).toEqual(expected);
      for (const record of got) expect(TERMINAL.has(record.outcome), `${record.outcome} for ${delivery.eventId}`).toBe(true);
    }
  });

  it('gives every failed or skipped record a reason', () => {
    const unhappy = records.filter((r) => r.outcome === 'failed' || r.outcome === 'skipped');
    expect(unhappy.length).toBeGreaterThan(0);
    for (const record of unhappy) expect(record.reason.trim().length, record.id).toBeGreaterThan(10);
  });

  it('reaches every kind of terminal outcome, so the faults are really exercised', () => {
    const outcomes = new Set(records.map((r) => r.outcome));
    for (const outcome of ['fixed', 'compliant', 'exempt', 'failed', 'skipped']) expect(outcomes, outcome).toContain(outcome);
    // A deleted resource is skipped with a reason that says so, never fixed.
    expect(records.some((r) => r.outcome === 'skipped' && /not found/.test(r.reason))).toBe(true);
  });

  it('stores no record id twice and returns no record twice from the intake', () => {
    const fromIntake = [...[...run.summaries.values()].flat().flatMap((s) => s.records.map((r) => r.id)), ...run.recordedBeforeThrow];
    expect(new Set(fromIntake).size).toBe(fromIntake.length);
    expect(fromIntake.length).toBe(records.length);
  });

  it('verifies every fix it reports', () => {
    for (const record of records.filter((r) => r.outcome === 'fixed')) expect(record.verified, record.id).toBe(true);
  });

  it('never writes a property outside the patches of the controls for that target', () => {
    expect(run.sandbox.writes.length).toBeGreaterThan(0);
    const allowed = fixPaths();
    for (const write of run.sandbox.writes) {
      const paths = allowed.get(`${parseResourceId(write.id).type.toLowerCase()}|${write.target}`);
      expect(paths, `${write.id} ${write.target}`).toBeDefined();
      for (const path of write.paths) expect([...(paths ?? [])], `${write.id} ${write.target}`).toContain(path);
    }
  });
});
