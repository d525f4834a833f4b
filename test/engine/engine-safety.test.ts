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
import { createEngine, EvaluationIncomplete } from '../../src/engine/engine';
import { runSweep } from '../../src/engine/sweep';
import { createLogger } from '../../src/logger';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { catalog } from '../../src/controls';
import { redisCache, redisCacheId, resourceGroup, storageAccount, storageAccountId, SUBSCRIPTION_ID } from '../fixtures/arm';
import { byControl, FIXED_NOW, fixedClock, sandboxEngine, SANDBOX_RETRY } from '../helpers/sandbox-runtime';
import { mysqlFlexibleServer, mysqlFlexibleServerId, mysqlParameter } from '../fixtures/arm-databases-messaging';

/** A GET of a long-running operation's monitor (Azure-AsyncOperation or Location), not of a resource. */
const isPoll = ({ method, path }: { method: string; path: string }): boolean => method === 'GET' && /\/(asyncOperations|operationsStatus|azureAsyncOperation|operationResults)\//i.test(path);

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

  it('records the write from its intent once the store answers again, without a second PATCH', async () => {
    // The first append and both of its retries fail: the evaluation throws, its intent stays open.
    const store = flakyStore(3);
    const { sandbox, process } = rig(store);
    await expect(process('stdrift0')).rejects.toThrow('table storage answered 503');
    expect(store.size).toBe(0);
    const records = byControl(await process('stdrift0'));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'fixed', verified: true, after: { properties: { minimumTlsVersion: 'TLS1_2' } } });
    expect(records['storage-min-tls'].reason).toMatch(/an earlier attempt .* recorded its intent .*: read back, ARM holds the value/);
    expect(sandbox.writes).toHaveLength(1);
    expect(store.size).toBe(2);
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

describe('rails against repeated or racing writes', () => {
  it('counts a write released while a budget count was on its way', async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // A store whose counts answer as of when they were asked, 50 ms later (a table over the network).
    class SlowCounts extends MemoryAuditStore {
      override async count(query: Parameters<MemoryAuditStore['count']>[0]): Promise<number> {
        const n = await super.count(query);
        await sleep(50);
        return n;
      }
    }
    for (const offset of [0, 10, 30]) {
      const store = new SlowCounts();
      const { sandbox, engine } = rig(store, { writeBudget: { maxWrites: 1, windowMinutes: 60 } });
      const run = (name: string) => engine.process({ resourceId: storageAccountId(name), trigger: 'sweep', occurrence: 'run-1', eventId: null, correlationId: null, actor: null });
      const first = run('stdrift0');
      await sleep(offset);
      await Promise.all([first, run('stdrift1')]);
      expect(sandbox.writes, `second evaluation ${offset} ms later`).toHaveLength(1);
    }
  });

  it('reports the records an append stored before it failed, when its retry finds them stored', async () => {
    const store = new MemoryAuditStore();
    const append = store.append.bind(store);
    let calls = 0;
    store.append = async (records: AuditRecord[]) => {
      calls += 1;
      const result = await append(records);
      if (calls === 1) throw new Error('response lost after the commit');
      return result;
    };
    const { process } = rig(store);
    const records = byControl(await process('stdrift0'));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'fixed' });
    expect(Object.keys(records).sort()).toEqual(['storage-https-only', 'storage-min-tls']);
  });

  it('quarantines a fix that is written but never takes, instead of writing (and restarting) on every run', async () => {
    let restarts = 0;
    const t = sandboxEngine(
      [resourceGroup(), mysqlFlexibleServer(), mysqlParameter('tls_version', { value: 'TLSv1.2', isConfigPendingRestart: 'True' })],
      {
        catalog, config: { allowRestarts: true, controlModes: { 'mysql-flexible-min-tls': 'enforce' } },
        wrapWriter: (writer) => ({ patch: (...args) => writer.patch(...args), restart: async () => { restarts += 1; throw new Error('Conflict ServerIsBusy'); } }),
      },
    );
    const outcomes: string[] = [];
    for (let run = 1; run <= 6; run += 1) {
      t.clock.set(new Date(FIXED_NOW.getTime() + run * 5 * 60_000));
      const record = byControl(await t.process(mysqlFlexibleServerId(), `run-${run}`))['mysql-flexible-min-tls'];
      outcomes.push(record.outcome);
    }
    // Three written-but-failed attempts (the flap default), then a person must decide.
    expect(outcomes).toEqual(['failed', 'failed', 'failed', 'skipped', 'skipped', 'skipped']);
    expect(restarts).toBe(3);
  });

  it.each([
    ['a 500', (t: ReturnType<typeof sandboxEngine>) => t.sandbox.faults.serverError({ times: 1000, status: 500, match: ({ method }) => method === 'PATCH' })],
    ['a 429', (t: ReturnType<typeof sandboxEngine>) => t.sandbox.faults.throttle({ times: 1000, match: ({ method }) => method === 'PATCH' })],
  ])('throws on a PATCH refused with %s (nothing written), leaving that control without a record so the retry fixes it once', async (_, refuse) => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    refuse(t);
    const thrown = await t.process(storageAccountId()).then(() => undefined, (err: unknown) => err);
    expect(thrown).toBeInstanceOf(EvaluationIncomplete);
    expect(thrown).toMatchObject({ code: expect.stringMatching(/^(THROTTLED|ARM_REQUEST_FAILED)$/) });
    const stored = await t.audit.query({});
    // The thrown evaluation names the records it did store, so a caller can account for them.
    expect((thrown as EvaluationIncomplete).recorded.map((r) => r.id)).toEqual(stored.map((r) => r.id));
    // The compliant control is recorded; the refused fix is not, and nothing counts as a write.
    expect(stored.map((r) => [r.control, r.outcome])).toEqual([['storage-https-only', 'compliant']]);
    expect(t.sandbox.writes).toHaveLength(0);
    t.sandbox.clearFaults();
    const retried = byControl(await t.process(storageAccountId()));
    expect(Object.keys(retried)).toEqual(['storage-min-tls']);
    expect(retried['storage-min-tls']).toMatchObject({ outcome: 'fixed', verified: true, after: { properties: { minimumTlsVersion: 'TLS1_2' } } });
    expect(t.sandbox.writes).toHaveLength(1);
  });

  it.each([
    ['throttled (429)', (t: ReturnType<typeof sandboxEngine>) => t.sandbox.faults.throttle({ times: 1000, match: isPoll })],
    ['unavailable (503)', (t: ReturnType<typeof sandboxEngine>) => t.sandbox.faults.serverError({ times: 1000, status: 503, match: isPoll })],
  ])('records what ARM holds when the polls of an accepted long-running PATCH are %s: fixed and verified, never "not applied"', async (_, failPolls) => {
    const t = sandboxEngine([resourceGroup(), redisCache({ enableNonSslPort: true, minimumTlsVersion: '1.2' })]);
    failPolls(t);
    const record = byControl(await t.process(redisCacheId()))['redis-ssl-only'];
    expect(record).toMatchObject({ outcome: 'fixed', verified: true, after: { properties: { enableNonSslPort: false } } });
    expect(record.reason).toMatch(/ARM accepted the write, but its operation status could not be read: .*read back to verify/);
    expect(t.sandbox.writes).toHaveLength(1);
  });

  it('records nothing while neither the poll nor a read-back answers, and the retry records what ARM holds without a second PATCH', async () => {
    const t = sandboxEngine([resourceGroup(), redisCache({ enableNonSslPort: true, minimumTlsVersion: '1.2' })]);
    // Every GET after the PATCH fails: the polls and the read-back alike.
    let patched = false;
    t.sandbox.faults.serverError({ times: 1000, status: 503, match: ({ method }) => { if (method === 'PATCH') patched = true; return method === 'GET' && patched; } });
    // A guessed `failed` now would be final (record ids are per trigger): the evaluation is thrown
    // for a retry instead, its write's intent left open.
    const thrown = await t.process(redisCacheId()).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(EvaluationIncomplete);
    expect(t.audit.all().find((r) => r.control === 'redis-ssl-only')).toBeUndefined();
    t.sandbox.clearFaults();
    const record = byControl(await t.process(redisCacheId()))['redis-ssl-only'];
    expect(record).toMatchObject({ outcome: 'fixed', verified: true, after: { properties: { enableNonSslPort: false } } });
    expect(record.reason).toMatch(/read back, ARM holds the value/);
    expect(t.sandbox.writes).toHaveLength(1);
  });

  it('still records a PATCH refused outright (403, nothing written) as failed with after: null', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })], { role: ['Microsoft.Storage/storageAccounts/read', 'Microsoft.Resources/subscriptions/resourceGroups/read'] });
    const record = byControl(await t.process(storageAccountId()))['storage-min-tls'];
    expect(record).toMatchObject({ outcome: 'failed', after: null, verified: false, reason: expect.stringMatching(/^fix not applied/) });
  });
});
