/**
 * Rails around a write that a single sequential evaluation does not exercise: the audit store
 * failing after a fix was written, concurrent evaluations sharing one write budget, and a
 * resource-group tag put on between two evaluations that share the engine's tag cache.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import type { AuditRecord } from '../../src/audit/record';
import { ArmGateway } from '../../src/azure/gateway';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { createEngine } from '../../src/engine/engine';
import { runSweep } from '../../src/engine/sweep';
import { createLogger } from '../../src/logger';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { catalog } from '../../src/controls';
import { resourceGroup, storageAccount, storageAccountId, SUBSCRIPTION_ID } from '../fixtures/arm';
import { byControl, fixedClock, sandboxEngine, SANDBOX_RETRY } from '../helpers/sandbox-runtime';

const REASON = 'Change freeze for the Q4 audit; CHG-1203';

function rig(store: MemoryAuditStore, config: Partial<WardenConfig> = {}) {
  const sandbox = new ArmSandbox({
    estate: [resourceGroup(), ...Array.from({ length: 8 }, (_, i) => storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: `stdrift${i}` }))],
  });
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({ write: (chunk, _enc, done) => { lines.push(JSON.parse(String(chunk)) as Record<string, unknown>); done(); } });
  const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 1, retryOptions: SANDBOX_RETRY });
  const engine = createEngine({
    ports: { reader: gateway, writer: gateway, audit: store, clock: fixedClock() },
    config: { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID], ...config },
    logger: createLogger({ level: 'info', destination }),
    appendRetryDelaysMs: [1, 1],
  });
  const process = (name: string) => engine.process({ resourceId: storageAccountId(name), trigger: 'event', occurrence: `evt-${name}`, eventId: `evt-${name}`, correlationId: null, actor: null });
  return { sandbox, engine, lines, process };
}

/** A memory store whose appends fail `failures` times first. */
function flakyStore(failures: number): MemoryAuditStore {
  const store = new MemoryAuditStore();
  const append = store.append.bind(store);
  let left = failures;
  store.append = async (records: AuditRecord[]) => {
    if (left-- > 0) throw new Error('table storage answered 503');
    return append(records);
  };
  return store;
}

describe('engine safety rails', () => {
  it('retries an audit append that fails after a fix, so the fix is recorded', async () => {
    const store = flakyStore(2);
    const { sandbox, process } = rig(store);
    const records = byControl(await process('stdrift0'));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'fixed', verified: true });
    expect(sandbox.writes).toHaveLength(1);
    expect(store.size).toBe(2);
  });

  it('puts every record in the error log before giving up, when the store keeps failing after a write', async () => {
    const { sandbox, lines, process } = rig(flakyStore(100));
    await expect(process('stdrift0')).rejects.toThrow('table storage answered 503');
    expect(sandbox.writes).toHaveLength(1);
    const kept = lines.filter((line) => line.level === 50 && /only copy/.test(String(line.msg)));
    expect(kept.map((line) => (line.record as AuditRecord).control).sort()).toEqual(['storage-https-only', 'storage-min-tls']);
    expect(kept.find((line) => (line.record as AuditRecord).control === 'storage-min-tls')?.record).toMatchObject({
      outcome: 'fixed', resourceId: storageAccountId('stdrift0'), before: { properties: { minimumTlsVersion: 'TLS1_0' } }, after: { properties: { minimumTlsVersion: 'TLS1_2' } },
    });
  });

  it('holds the write budget across concurrent evaluations in one engine', async () => {
    const store = new MemoryAuditStore();
    const { sandbox, engine } = rig(store, { writeBudget: { maxWrites: 2, windowMinutes: 60 } });
    const source = { rows: async function* () { for (const object of sandbox.snapshot()) yield object; } };
    const summary = await runSweep({ engine, source, catalog, runId: 'sweep-budget', now: new Date(), concurrency: 8 });
    expect(summary.errors).toEqual([]);
    expect(sandbox.writes).toHaveLength(2);
    const skipped = summary.records.filter((r) => r.outcome === 'skipped');
    expect(skipped).toHaveLength(6);
    for (const record of skipped) expect(record.reason).toMatch(/^budget: 2 of 2 writes used/);
  });

  it('re-reads cached resource-group tags before writing, so an exemption put on since is honoured', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({}, { name: 'stfirst' }), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'stsecond' })]);
    await t.process(storageAccountId('stfirst')); // the group's (empty) tags are now cached for a minute
    t.sandbox.set(resourceGroup({ tags: { 'transit-warden-exempt': 'storage-min-tls', 'transit-warden-exempt-reason': REASON } }));
    t.clock.set(new Date(t.clock.now().getTime() + 30_000));
    const records = byControl(await t.process(storageAccountId('stsecond')));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'exempt', exemption: { source: 'resource-group', reason: REASON } });
    expect(t.sandbox.writes).toHaveLength(0);
  });

  it('shares a group read made within the last two seconds between fixes in a burst', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'stfirst' }), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'stsecond' })]);
    await t.process(storageAccountId('stfirst'));
    t.clock.set(new Date(t.clock.now().getTime() + 1_500));
    await t.process(storageAccountId('stsecond'));
    expect(t.sandbox.writes).toHaveLength(2);
    expect(t.sandbox.calls.filter((c) => c.resourceType === 'Microsoft.Resources/resourceGroups')).toHaveLength(1);
    t.clock.set(new Date(t.clock.now().getTime() + 2_500));
    t.sandbox.set(storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'stfirst' }));
    await t.process(storageAccountId('stfirst'), 'run-2');
    expect(t.sandbox.calls.filter((c) => c.resourceType === 'Microsoft.Resources/resourceGroups')).toHaveLength(2);
  });

  it('reads the group once per evaluation when nothing is to be written', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({}, { name: 'stfirst' }), storageAccount({}, { name: 'stsecond' })]);
    await t.process(storageAccountId('stfirst'));
    await t.process(storageAccountId('stsecond'));
    expect(t.sandbox.calls.filter((c) => c.resourceType === 'Microsoft.Resources/resourceGroups')).toHaveLength(1);
  });
});

describe('exemption tags naming no control', () => {
  it('says in the record of the fix that the exempt tag names an unknown control id', async () => {
    const tags = { 'transit-warden-exempt': 'storage-min-tl, storage-https-only', 'transit-warden-exempt-reason': REASON };
    const t = sandboxEngine([resourceGroup(), { ...storageAccount({ minimumTlsVersion: 'TLS1_0' }), tags }]);
    const records = byControl(await t.process(storageAccountId()));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'fixed', exemption: null, reason: expect.stringContaining('transit-warden-exempt names "storage-min-tl", which no control has (a typo?)') });
    // The id it does name is honoured, and its record carries no note.
    expect(records['storage-https-only'].reason).not.toMatch(/typo/);
  });
});
