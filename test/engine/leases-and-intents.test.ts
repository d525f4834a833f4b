/**
 * Two engine instances (each with its own SDK clients and Table clients) on one Azurite table set
 * and one ARM emulator: the same event delivered to both at once, and an instance that dies between
 * its intent and its write, between its write and its record, or between a MySQL fix and its
 * restart. A "death" here stops every call of the instance where it is, renewals included (the
 * real SIGKILL is in test/soak/fault-soak.test.ts); the survivor takes over once the lease expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { AuditKey } from '../../src/audit/integrity';
import type { AuditRecord } from '../../src/audit/record';
import { TableAuditStore } from '../../src/audit/table-store';
import { verifyLog } from '../../src/audit/verify';
import { ArmGateway } from '../../src/azure/gateway';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { tableCoordination } from '../../src/coordination/table';
import { createEngine } from '../../src/engine/engine';
import type { EnginePorts, IntentStore, LeaseStore, ResourceWriter } from '../../src/engine/ports';
import type { EvaluationRequest } from '../../src/engine/types';
import { createLogger } from '../../src/logger';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { addStandardRoutes } from '../../src/sandbox/standard-routes';
import { redisCache, redisCacheId, resourceGroup, storageAccount, storageAccountId, SUBSCRIPTION_ID } from '../fixtures/arm';
import { mysqlFlexibleServer, mysqlFlexibleServerId, mysqlParameter } from '../fixtures/arm-databases-messaging';
import { startAzurite, type RunningAzurite } from '../helpers/azurite';
import { byControl, fixedClock, SANDBOX_RETRY } from '../helpers/sandbox-runtime';

let azurite: RunningAzurite;
let runs = 0;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.stop();
});

const KEY = new AuditKey('a test key of at least thirty-two characters, not a real one');
/** Short, so a test waits little for a dead instance's lease; live ones renew every third of it. */
const DEAD_LEASE_TTL_MS = 400;
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

interface Instance {
  process(request: EvaluationRequest): Promise<AuditRecord[]>;
  /** From now on every call of this instance hangs where it is: nothing more reaches ARM or a table. */
  die(): void;
}

function world(estate: ConstructorParameters<typeof ArmSandbox>[0] = {}, leaseTtlMs = DEAD_LEASE_TTL_MS) {
  const sandbox = new ArmSandbox(estate);
  const { restarts } = addStandardRoutes(sandbox);
  const names = { audit: `engaudit${++runs}x${Date.now() % 100_000}`, leases: `engleases${runs}x${Date.now() % 100_000}` };
  const client = (table: string): TableClient => TableClient.fromConnectionString(azurite.connectionString, table, { allowInsecureConnection: true });
  const config: WardenConfig = {
    ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID], allowRestarts: true, controlModes: { 'mysql-flexible-min-tls': 'enforce' },
  };
  const clock = fixedClock();

  function instance(name: string, options: { wrapWriter?: (writer: ResourceWriter, die: () => void) => ResourceWriter } = {}): Instance {
    let dead = false;
    const die = (): void => {
      dead = true;
    };
    // Every port call checks first: a dead instance neither starts nor finishes anything.
    const alive = <T>(call: () => Promise<T>): Promise<T> => (dead ? never<T>() : call().then((v) => (dead ? never<T>() : v)));
    const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 5, retryOptions: SANDBOX_RETRY });
    const audit = new TableAuditStore(client(names.audit), { key: KEY });
    const coordination = tableCoordination(client(names.leases));
    const leases: LeaseStore = {
      tryAcquire: (key, holder, ttl) => alive(async () => {
        const lease = await coordination.leases.tryAcquire(key, holder, ttl);
        return lease && { renew: () => alive(() => lease.renew()), release: () => alive(() => lease.release()) };
      }),
    };
    const intents: IntentStore = {
      record: (i) => alive(() => coordination.intents.record(i)),
      open: (id) => alive(() => coordination.intents.open(id)),
      close: (i) => alive(() => coordination.intents.close(i)),
      list: () => alive(() => coordination.intents.list()),
    };
    const baseWriter: ResourceWriter = {
      patch: (id, target, body) => alive(() => gateway.patch(id, target, body)),
      restart: (id) => alive(() => gateway.restart(id)),
      writeMethod: (id, target) => gateway.writeMethod(id, target),
    };
    const ports: EnginePorts = {
      reader: { read: (id, targets) => alive(() => gateway.read(id, targets)), readResourceGroupTags: (subscription, group) => alive(() => gateway.readResourceGroupTags(subscription, group)) },
      writer: options.wrapWriter ? options.wrapWriter(baseWriter, die) : baseWriter,
      audit: {
        append: (records) => alive(() => audit.append(records)),
        has: (id) => alive(() => audit.has(id)),
        get: (id) => alive(() => audit.get(id)),
        query: (q) => alive(() => audit.query(q)),
      },
      clock, leases, intents,
    };
    const engine = createEngine({ ports, config, logger: createLogger({ level: 'silent' }), leaseTtlMs, instanceId: name, appendRetryDelaysMs: [1, 1] });
    return { process: (request) => engine.process(request), die };
  }

  const read = async () => {
    const log = await new TableAuditStore(client(names.audit), { createTable: false, key: KEY }).scan();
    return { records: log.records, report: verifyLog(log, KEY), open: await tableCoordination(client(names.leases)).intents.list() };
  };
  return { sandbox, restarts, instance, read };
}

const eventFor = (resourceId: string, eventId = 'evt-1'): EvaluationRequest => ({ resourceId, trigger: 'event', occurrence: eventId, eventId, correlationId: null, actor: null });

/**
 * Event Grid's retry: the delivery again while it throws LEASE_BUSY (the lease is held, or left by
 * the dead) or LEASE_LOST (this delivery's lease lapsed before its write, so it wrote nothing).
 */
async function redeliver(instance: Instance, request: EvaluationRequest): Promise<AuditRecord[]> {
  for (let attempt = 1; attempt <= 60; attempt += 1) {
    try {
      return await instance.process(request);
    } catch (err) {
      const code = (err as { code?: unknown; cause?: { code?: unknown } }).code;
      if (code !== 'LEASE_BUSY' && code !== 'LEASE_LOST') throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error('the lease never came free');
}

describe('two instances, one event', () => {
  it('writes a long-running fix once when both receive the event at once, and the record says fixed, not compliant', async () => {
    // Twenty polls: the first delivery is still polling when the second arrives.
    const w = world({ estate: [resourceGroup(), redisCache({ enableNonSslPort: true })], lroPolls: 20 }, 10_000);
    const [a, b] = [w.instance('a'), w.instance('b')];
    const request = eventFor(redisCacheId());
    const outcomes = await Promise.allSettled([a.process(request), b.process(request)]);
    const busy = outcomes.filter((o) => o.status === 'rejected');
    expect(busy).toHaveLength(1);
    expect((busy[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'LEASE_BUSY' });
    // Event Grid retries the refused delivery: nothing left to do, nothing written again.
    const loser = outcomes[0].status === 'rejected' ? a : b;
    const again = await redeliver(loser, request);
    expect(again.map((r) => `${r.control}:${r.outcome}:${r.reason}`)).toEqual([]);
    expect(w.sandbox.writes).toHaveLength(1);
    const { records, report, open } = await w.read();
    expect(byControl(records)['redis-ssl-only']).toMatchObject({ outcome: 'fixed', verified: true });
    // One record per control for this trigger: the written one says fixed, never compliant.
    expect(records.filter((r) => r.control === 'redis-ssl-only')).toHaveLength(1);
    expect(records).toHaveLength(2);
    expect(report.intact).toBe(true);
    expect(open).toEqual([]);
  });

  it('sends one PATCH of a storage account over twenty concurrent pairs of deliveries', async () => {
    const estate = [resourceGroup(), ...Array.from({ length: 20 }, (_, i) => storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: `stpair${i}` }))];
    const w = world({ estate, latencyMs: () => Math.random() * 4 }, 10_000);
    const [a, b] = [w.instance('a'), w.instance('b')];
    await Promise.all(Array.from({ length: 20 }, (_, i) => {
      const request = eventFor(storageAccountId(`stpair${i}`), `evt-pair-${i}`);
      return Promise.all([redeliver(a, request), redeliver(b, request)]);
    }));
    expect(w.sandbox.writes).toHaveLength(20);
    expect(new Set(w.sandbox.writes.map((write) => write.id.toLowerCase())).size).toBe(20);
    const { records, report } = await w.read();
    expect(records.filter((r) => r.control === 'storage-min-tls').map((r) => r.outcome)).toEqual(Array(20).fill('fixed'));
    expect(report.intact).toBe(true);
  });
});

describe('an instance that dies around a write', () => {
  it('dies after ARM accepted its PATCH: the survivor records what ARM holds (fixed, verified, sealed) and sends nothing again', async () => {
    const w = world({ estate: [resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })] });
    const doomed = w.instance('doomed', { wrapWriter: (writer, die) => ({ ...writer, patch: async (id, target, body) => {
      await writer.patch(id, target, body);
      die();
      return never();
    } }) });
    const request = eventFor(storageAccountId());
    void doomed.process(request);
    await expect.poll(() => w.sandbox.writes.length, { timeout: 10_000 }).toBe(1);
    const records = byControl(await redeliver(w.instance('survivor'), request));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'fixed', verified: true, after: { properties: { minimumTlsVersion: 'TLS1_2' } } });
    expect(records['storage-min-tls'].reason).toMatch(/an earlier attempt \(doomed\) recorded its intent .*: read back, ARM holds the value/);
    expect(w.sandbox.writes).toHaveLength(1);
    const { report, open } = await w.read();
    expect(report.intact).toBe(true);
    expect(records['storage-min-tls'].integrity).toMatchObject({ alg: 'hmac-sha256' });
    expect(open).toEqual([]);
  });

  it('dies after recording its intent, before the PATCH left: the record says ARM does not hold it, with what was to be sent, and nothing is sent for that trigger', async () => {
    const w = world({ estate: [resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })] });
    const doomed = w.instance('doomed', { wrapWriter: (writer, die) => ({ ...writer, patch: () => {
      die();
      return never();
    } }) });
    const request = eventFor(storageAccountId());
    void doomed.process(request);
    // The survivor's delivery comes once the doomed one has recorded its intent (and died).
    await expect.poll(async () => (await w.read()).open.length, { timeout: 10_000 }).toBe(1);
    const records = byControl(await redeliver(w.instance('survivor'), request));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'failed', verified: false, after: { properties: { minimumTlsVersion: 'TLS1_2' } } });
    expect(records['storage-min-tls'].reason).toMatch(/ARM does not hold the value .*not sent again for this trigger/);
    expect(w.sandbox.writes).toHaveLength(0);
    // The next trigger fixes it.
    const next = byControl(await redeliver(w.instance('next'), eventFor(storageAccountId(), 'evt-2')));
    expect(next['storage-min-tls']).toMatchObject({ outcome: 'fixed', verified: true });
    expect(w.sandbox.writes).toHaveLength(1);
  });

  it('dies between a MySQL parameter fix and its restart: recorded as not yet in effect, the server never restarted by that trigger', async () => {
    const server = mysqlFlexibleServer();
    const estate = [resourceGroup(), server, mysqlParameter('tls_version', { value: 'TLSv1,TLSv1.1,TLSv1.2' }), mysqlParameter('require_secure_transport', { value: 'ON' })];
    const w = world({ estate });
    // Dies once the parameter is written, before the restart's intent (and the restart).
    const doomed = w.instance('doomed', { wrapWriter: (writer, die) => ({ ...writer, patch: async (id, target, body) => {
      const result = await writer.patch(id, target, body);
      if (target !== 'configurations/tls_version') return result;
      die();
      return never();
    } }) });
    const request = eventFor(mysqlFlexibleServerId());
    void doomed.process(request);
    // The survivor's delivery comes once the doomed one has written (and died), not before it
    // took the lease: otherwise the survivor could win the lease and simply fix the server.
    await expect.poll(() => w.sandbox.writes.filter((write) => write.target === 'configurations/tls_version').length, { timeout: 10_000 }).toBe(1);
    const records = byControl(await redeliver(w.instance('survivor'), request));
    expect(records['mysql-flexible-min-tls']).toMatchObject({ outcome: 'failed', after: { properties: { value: 'TLSv1.2' } } });
    expect(records['mysql-flexible-min-tls'].reason).toMatch(/the server restart it needs was never requested/);
    expect(w.restarts).toHaveLength(0);
    expect(w.sandbox.writes.filter((write) => write.target === 'configurations/tls_version')).toHaveLength(1);
  });

  it('dies after requesting the restart: the survivor does not restart the server again', async () => {
    const estate = [resourceGroup(), mysqlFlexibleServer(), mysqlParameter('tls_version', { value: 'TLSv1,TLSv1.1,TLSv1.2' }), mysqlParameter('require_secure_transport', { value: 'ON' })];
    const w = world({ estate });
    const doomed = w.instance('doomed', { wrapWriter: (writer, die) => ({ ...writer, restart: async (id) => {
      await writer.restart?.(id);
      die();
      return never();
    } }) });
    const request = eventFor(mysqlFlexibleServerId());
    void doomed.process(request);
    await expect.poll(() => w.restarts.length, { timeout: 10_000 }).toBe(1);
    const records = byControl(await redeliver(w.instance('survivor'), request));
    expect(['fixed', 'failed']).toContain(records['mysql-flexible-min-tls'].outcome);
    expect(records['mysql-flexible-min-tls'].after).toEqual({ properties: { value: 'TLSv1.2', source: 'user-override' } });
    expect(w.restarts).toHaveLength(1);
    const { report, open } = await w.read();
    expect(report.intact).toBe(true);
    expect(open).toEqual([]);
  });
});
