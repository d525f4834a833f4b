/**
 * Hostile and malformed Event Grid deliveries through the real intake and engine over the ARM
 * emulator, whose estate holds non-compliant resources in the allowed and in a foreign
 * subscription: whatever the event says, nothing may be written, nothing may crash, and an event
 * that is rejected or ignored may cost no ARM call. Seeded (FUZZ_SEED) so a failure reproduces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { ArmGateway } from '../../src/azure/gateway';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { catalog } from '../../src/controls';
import { createEngine } from '../../src/engine/engine';
import { createIntake, type IntakeSummary } from '../../src/events/intake';
import { createLogger } from '../../src/logger';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { OTHER_SUBSCRIPTION_ID, SUBSCRIPTION_ID, siteId, storageAccountId, webApp, storageAccount, redisCache, redisCacheId, resourceGroup } from '../fixtures/arm';
import { fixedClock, SANDBOX_RETRY } from '../helpers/sandbox-runtime';
import { sample, sampleFiles, SUBSCRIPTION as SAMPLE_SUBSCRIPTION } from '../events/samples';

const SEED = Number(process.env.FUZZ_SEED ?? 7_000_001);
const BATCH = 50;
const RUNS = 200;
const TERMINAL = new Set(['fixed', 'compliant', 'exempt', 'noncompliant', 'failed', 'skipped']);

// Non-compliant resources: any write at all would be a fix the event had no right to trigger.
const BAD = (subscriptionId: string) => [
  resourceGroup({ subscriptionId }),
  ...webApp({ httpsOnly: false }, { minTlsVersion: '1.0', ftpsState: 'AllAllowed' }, { name: 'app-fuzz', subscriptionId }),
  storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'stfuzz', subscriptionId }),
  redisCache({ enableNonSslPort: true }, { name: 'redis-fuzz', subscriptionId }),
];
const TARGETS = [siteId('app-fuzz'), `${siteId('app-fuzz')}/config/web`, storageAccountId('stfuzz'), redisCacheId('redis-fuzz')];

/** What replaces one `/` of a real id: traversal, encoded separators, look-alikes, control characters. */
const SEPARATOR_ATTACKS = [
  '/../', '/./', '/..%2f', '%2F', '%2f', '/%2e%2e/', '\\', '/\\/', '/\u0000/', '/\u202e/', '\uff0f', '\u2215', '/ /', '/%20/',
  '/?/', '/#/', '/..;/', '/%252F/', '/\n/', '/\t/', '/..\\', '/...',
];

const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '..', '%2e%2e', '%2F', '\u0000', '\u202e', '\ud800', '🙂', 'ﬁ', '/', '//', '\\', 'null', '__proto__', 'constructor'),
  fc.constant('x'.repeat(70_000)),
  fc.constant(`/subscriptions/${SUBSCRIPTION_ID}/${'a/'.repeat(3000)}`),
);

const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));

const attackedId = fc
  .tuple(fc.constantFrom(...TARGETS), fc.constantFrom(...SEPARATOR_ATTACKS), fc.nat())
  .map(([id, attack, n]) => {
    const slashes = [...id.matchAll(/\//g)].map((m) => m.index ?? 0).filter((i) => i > 0);
    const at = slashes[n % slashes.length];
    return id.slice(0, at) + attack + id.slice(at + 1);
  });

const foreignId = fc.constantFrom(...TARGETS).map((id) => id.replace(SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID));

const unsupportedId = fc.constantFrom(
  'providers/Microsoft.Network/virtualNetworks/vnet-fuzz',
  'providers/Microsoft.KeyVault/vaults/kv-fuzz',
  'providers/Microsoft.Web/sites/app-fuzz/config/appsettings',
  'providers/Microsoft.Web/sites/app-fuzz/hostNameBindings/www',
  'providers/Microsoft.Resources/deployments/deploy-fuzz',
  'providers/Microsoft.Authorization/roleAssignments/ra',
  'providers/Microsoft.Storage/storageAccounts/stfuzz/blobServices/default',
).map((tail) => `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-transit-warden/${tail}`);

const resourceIdValue = fc.oneof(attackedId, foreignId, unsupportedId, hostileText, wrongType);

/** An Event Grid-schema write event around a hostile id; subject, topic and data may disagree. */
const craftedEvent = fc
  .record({
    id: fc.oneof(fc.uuid(), hostileText, wrongType),
    uri: resourceIdValue,
    subject: fc.oneof(fc.constant('same'), resourceIdValue),
    topic: fc.oneof(fc.constant(`/subscriptions/${SUBSCRIPTION_ID}`), fc.constant(`/subscriptions/${OTHER_SUBSCRIPTION_ID}`), hostileText, wrongType),
    eventType: fc.oneof(
      fc.constantFrom('Microsoft.Resources.ResourceWriteSuccess', 'Microsoft.Resources.ResourceDeleteSuccess', 'Microsoft.Resources.ResourceActionSuccess', 'Microsoft.ResourceNotifications.Resources.CreatedOrUpdated'),
      hostileText,
    ),
    dataSubscription: fc.oneof(fc.constant(SUBSCRIPTION_ID), fc.constant(OTHER_SUBSCRIPTION_ID), hostileText, wrongType),
    claims: fc.oneof(fc.constant(undefined), fc.dictionary(hostileText, fc.oneof(hostileText, wrongType), { maxKeys: 3 }), wrongType),
  })
  .map((e) => ({
    id: e.id,
    eventType: e.eventType,
    subject: e.subject === 'same' ? e.uri : e.subject,
    eventTime: '2026-11-23T12:00:00Z',
    dataVersion: '2',
    metadataVersion: '1',
    topic: e.topic,
    data: { resourceUri: e.uri, subscriptionId: e.dataSubscription, operationName: 'write', ...(e.claims === undefined ? {} : { claims: e.claims }) },
  }));

const SAMPLES: Record<string, unknown>[] = sampleFiles()
  .flatMap((file) => {
    const value = sample(file);
    return Array.isArray(value) ? value : [value];
  })
  .filter((value): value is Record<string, unknown> => value !== null && typeof value === 'object');

type Mutation = { path: readonly string[]; value: unknown } | { path: readonly string[]; remove: true };

/** A real sample with one to three fields replaced or removed (top level, data, data.resourceInfo). */
const mutatedSample = fc
  .tuple(
    fc.constantFrom(...SAMPLES.keys()),
    fc.array(
      fc.oneof(
        fc.record({ path: fc.constantFrom(['id'], ['topic'], ['source'], ['subject'], ['eventType'], ['type'], ['specversion'], ['data'], ['data', 'resourceUri'], ['data', 'subscriptionId'], ['data', 'claims'], ['data', 'resourceInfo'], ['data', 'resourceInfo', 'id'], ['data', 'resourceDetails', 'id']), value: fc.oneof(hostileText, wrongType, attackedId, foreignId) }),
        fc.record({ path: fc.constantFrom(['id'], ['data'], ['data', 'resourceUri'], ['subject'], ['topic'], ['source'], ['eventType'], ['type']), remove: fc.constant(true as const) }),
      ) as fc.Arbitrary<Mutation>,
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([index, mutations]) => {
    const event = structuredClone(SAMPLES[index]);
    for (const mutation of mutations) {
      let holder: Record<string, unknown> = event;
      for (const key of mutation.path.slice(0, -1)) {
        const child = holder[key];
        if (child === null || typeof child !== 'object' || Array.isArray(child)) holder[key] = {};
        holder = holder[key] as Record<string, unknown>;
      }
      const last = mutation.path[mutation.path.length - 1];
      if ('remove' in mutation) delete holder[last];
      else holder[last] = mutation.value;
    }
    return event;
  });

const hostileEvent = fc.oneof(
  { weight: 4, arbitrary: craftedEvent },
  { weight: 4, arbitrary: mutatedSample },
  { weight: 1, arbitrary: fc.oneof(hostileText, wrongType, fc.array(wrongType, { maxLength: 2 })) },
);

function rig() {
  const sandbox = new ArmSandbox({ estate: [...BAD(SUBSCRIPTION_ID), ...BAD(OTHER_SUBSCRIPTION_ID)] });
  const audit = new MemoryAuditStore();
  const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 1, retryOptions: SANDBOX_RETRY });
  // The samples' own subscription is allowed too, so a mutated sample that is still valid reaches the
  // engine (and meets a resource the estate does not hold); the foreign subscription is not.
  const config: WardenConfig = { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID, SAMPLE_SUBSCRIPTION] };
  const engine = createEngine({ ports: { reader: gateway, writer: gateway, audit, clock: fixedClock() }, config, catalog, logger: createLogger({ level: 'silent' }) });
  return { sandbox, audit, intake: createIntake({ engine, config, catalog }) };
}

function skipped(summary: IntakeSummary) {
  return [...summary.ignored, ...summary.rejected, ...summary.outOfScope, ...summary.ownWrites, ...summary.duplicates];
}

describe(`hostile events (seed ${SEED}, ${BATCH * RUNS} events)`, () => {
  it('never crash the intake, never write, and cost no ARM call unless an event was evaluated', async () => {
    const { sandbox, audit, intake } = rig();
    let events = 0;
    let evaluated = 0;
    let rejectedOrIgnored = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(hostileEvent, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const before = sandbox.calls.length;
        const summary = await intake.handle(batch);
        const calls = sandbox.calls.slice(before);
        events += batch.length;
        evaluated += summary.evaluated;
        rejectedOrIgnored += summary.rejected.length + summary.ignored.length;

        expect(sandbox.writes).toEqual([]);
        expect(calls.filter((c) => c.kind !== 'read')).toEqual([]);
        // Every event is accounted for exactly once.
        expect(summary.evaluated + skipped(summary).length).toBe(batch.length);
        for (const s of skipped(summary)) expect(s.reason.trim(), JSON.stringify(s)).not.toBe('');
        if (summary.evaluated === 0) expect(calls).toEqual([]);
        // Reads go only to resources (or their groups) that an evaluated event named.
        const evaluatedIds = summary.records.map((r) => r.resourceId.toLowerCase());
        for (const call of calls) {
          const path = decodeURIComponent(call.path).toLowerCase();
          expect(evaluatedIds.some((id) => id.startsWith(path) || path.startsWith(id)), path).toBe(true);
        }
        for (const record of summary.records) {
          expect(TERMINAL.has(record.outcome)).toBe(true);
          expect(['fixed', 'would-fix']).not.toContain(record.outcome);
          expect(record.reason.trim()).not.toBe('');
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(events).toBe(BATCH * RUNS);
    expect(rejectedOrIgnored).toBeGreaterThan(events / 2);
    // Some mutated samples stay valid and are evaluated: the engine path is exercised too.
    expect(evaluated).toBeGreaterThan(0);
    expect(audit.size).toBeGreaterThan(0);
  }, 60_000);
});
