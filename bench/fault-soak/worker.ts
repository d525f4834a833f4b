/**
 * One engine process of the fault soak (started by ./conductor.ts with `node --import tsx`, killed
 * by it with SIGKILL at random moments). Its own SDK clients reach the conductor's ARM emulator
 * through the loopback relay; its own Table clients reach the shared Azurite tables (audit records,
 * leases, intents). It takes Event Grid deliveries and sweep runs over IPC and answers each with
 * what it recorded, or the error a real trigger would see.
 *
 * The one thing added to a production engine: each write carries the id of the intent recorded
 * just before it (as `x-ms-client-request-id`, which ARM's activity log keeps, and the intent's
 * record ids in a soak header), so the conductor can tell which trigger each write it saw was for.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { TableClient } from '@azure/data-tables';
import type { AccessToken } from '@azure/core-auth';
import { recordIdFor } from '../../src/audit/record';
import { TableAuditStore } from '../../src/audit/table-store';
import { redactingAuditStore } from '../../src/audit/redact-record';
import { auditKeyFrom } from '../../src/audit/integrity';
import { ArmGateway } from '../../src/azure/gateway';
import { ResourceGraphSource } from '../../src/azure/resource-graph';
import { parseResourceId } from '../../src/core/resource-id';
import { catalog } from '../../src/controls';
import { sameType } from '../../src/controls/types';
import { tableCoordination } from '../../src/coordination/table';
import { createEngine, EvaluationIncomplete } from '../../src/engine/engine';
import type { IntentStore, ResourceWriter } from '../../src/engine/ports';
import { runSweep } from '../../src/engine/sweep';
import type { Engine } from '../../src/engine/types';
import { createIntake } from '../../src/events/intake';
import { createLogger } from '../../src/logger';
import { SANDBOX_ENDPOINT, SANDBOX_TOKEN } from '../../src/sandbox/arm-sandbox';
import { eventFor } from '../estate';
import { INTENT_HEADER, relayClient } from './arm-relay';
import type { IntentTag, WorkerReply, WorkerRequest, WorkerSettings } from './protocol';

function settingsFromEnv(): WorkerSettings {
  const settings = JSON.parse(process.env.FAULT_SOAK_WORKER ?? 'null') as WorkerSettings | null;
  if (!settings || typeof process.send !== 'function') {
    process.stderr.write('bench/fault-soak/worker.ts is started by bench/fault-soak/conductor.ts\n');
    process.exit(2);
  }
  return settings;
}
const settings = settingsFromEnv();
const send = (reply: WorkerReply): void => {
  process.send?.(reply);
};

const writeTag = new AsyncLocalStorage<IntentTag>();
const armHttp = relayClient(settings.relayPort, settings.instance, (request): Record<string, string> => {
  const tag = writeTag.getStore();
  if (!tag || request.method === 'GET') return {};
  return { 'x-ms-client-request-id': tag.id, [INTENT_HEADER]: JSON.stringify(tag) };
});
const credential = { getToken: async (): Promise<AccessToken> => ({ token: SANDBOX_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }) };
const gateway = new ArmGateway({ credential, httpClient: armHttp, endpoint: SANDBOX_ENDPOINT, pollIntervalMs: 1, retryOptions: { retryDelayInMs: 1, maxRetryDelayInMs: 5 } });
const table = (name: string): TableClient => TableClient.fromConnectionString(settings.connectionString, name, {
  allowInsecureConnection: true, retryOptions: { maxRetries: 3, retryDelayInMs: 10, maxRetryDelayInMs: 100 },
});
const key = auditKeyFrom(settings.auditKey);
const audit = redactingAuditStore(new TableAuditStore(table(settings.auditTable), { key }));
const coordination = tableCoordination(table(settings.leaseTable));

// The intent each write goes with: recorded just before it, under the resource's lease.
const lastIntent = new Map<string, IntentTag>();
const slot = (resourceId: string, step: string, target: string): string => `${resourceId.toLowerCase()}|${step}|${target}`;
const intents: IntentStore = {
  record: async (intent) => {
    await coordination.intents.record(intent);
    const first = intent.records[0];
    lastIntent.set(slot(intent.resourceId, intent.step, intent.step === 'patch' ? intent.target : ''), {
      id: intent.id, resourceId: intent.resourceId, target: intent.target, step: intent.step,
      trigger: `${first?.trigger}|${first?.eventId ?? first?.correlationId}`,
      recordIds: intent.records.map((r) => r.id),
    });
  },
  open: (resourceId) => coordination.intents.open(resourceId),
  close: (intent) => coordination.intents.close(intent),
  list: () => coordination.intents.list(),
};
const untagged = (resourceId: string, step: IntentTag['step'], target: string): IntentTag => ({ id: 'no-intent', resourceId, target, step, trigger: 'none', recordIds: [] });
const writer: ResourceWriter = {
  patch: (id, target, body) => writeTag.run(lastIntent.get(slot(id.id, 'patch', target)) ?? untagged(id.id, 'patch', target), () => gateway.patch(id, target, body)),
  restart: (id) => writeTag.run(lastIntent.get(slot(id.id, 'restart', '')) ?? untagged(id.id, 'restart', ''), () => gateway.restart(id)),
  writeMethod: gateway.writeMethod?.bind(gateway),
};

// A simulated day per real second, the same in every process: the rails' windows (write budget,
// flap quarantine) then hold few records, so their queries stay small over a long soak.
const clock = { now: (): Date => new Date(settings.t0 + (Date.now() - settings.real0) * settings.clockScale) };
const engine = createEngine({
  ports: { reader: gateway, writer, audit, clock, leases: coordination.leases, intents },
  config: settings.config, catalog, logger: createLogger({ level: 'silent' }), leaseTtlMs: settings.leaseTtlMs, instanceId: settings.instance,
  appendRetryDelaysMs: [10, 30],
});

/** What a finished evaluation owes the store: a record for each applicable control (per request). */
const owedBy = new AsyncLocalStorage<string[]>();
const counted: Engine = {
  process: async (request) => {
    const records = await engine.process(request);
    const type = parseResourceId(request.resourceId).type;
    for (const control of catalog.filter((c) => c.resourceTypes.some((t) => sameType(t, type)))) {
      owedBy.getStore()?.push(recordIdFor({ trigger: request.trigger, occurrence: request.occurrence, resourceId: request.resourceId, control: control.id }));
    }
    return records;
  },
  settleOpenIntents: (scope) => engine.settleOpenIntents?.(scope) ?? Promise.resolve({ records: [], unsettled: [] }),
};
const intake = createIntake({ engine: counted, config: settings.config, catalog });
// Graph's quota waits (up to a minute in Azure) cut to 100 ms: the emulator's 429s carry no real quota.
const sweepSource = new ResourceGraphSource({ credential, httpClient: armHttp, endpoint: SANDBOX_ENDPOINT, subscriptions: settings.config.allowedSubscriptions, catalog, maxWaitMs: 100 });

async function handle(request: WorkerRequest, owed: string[]): Promise<WorkerReply> {
  try {
    if (request.kind === 'event') {
      const summary = await intake.handle(eventFor(request.resourceId, request.eventId));
      return { id: request.id, ok: true, records: summary.records.map((r) => r.id), owed };
    }
    const summary = await runSweep({
      engine: counted, source: sweepSource, catalog, runId: request.runId, subscriptionId: settings.config.allowedSubscriptions[0],
      now: clock.now(), concurrency: 8, busyRetryDelaysMs: [200, 1000],
    });
    return { id: request.id, ok: summary.errors.length === 0, records: summary.records.map((r) => r.id), owed, errors: summary.errors.map((e) => e.reason) };
  } catch (err) {
    const recorded = err instanceof EvaluationIncomplete ? err.recorded.map((r) => r.id) : [];
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : 'UNKNOWN';
    return { id: request.id, ok: false, records: recorded, owed, code, message: err instanceof Error ? err.message.slice(0, 300) : String(err) };
  }
}

// Requests run concurrently, as a Functions worker takes several invocations at once.
process.on('message', (message: WorkerRequest) => {
  const owed: string[] = [];
  void owedBy.run(owed, () => handle(message, owed)).then(send);
});

send({ ready: settings.instance });
