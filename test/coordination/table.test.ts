/**
 * Leases and write intents on a real Table service (Azurite on loopback): what two instances racing
 * for one resource, a holder that died and a holder that lost its lease each get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableClient } from '@azure/data-tables';
import { tableCoordination, type TableCoordination } from '../../src/coordination/table';
import { holdLease } from '../../src/engine/lease';
import type { WriteIntent } from '../../src/engine/ports';
import { startAzurite, type RunningAzurite } from '../helpers/azurite';

let azurite: RunningAzurite;
let tables = 0;

beforeAll(async () => {
  azurite = await startAzurite();
});

afterAll(async () => {
  await azurite?.stop();
});

/** Two instances' stores on one fresh table, each with its own client (as two processes have). */
function twoInstances(now: () => number = Date.now): [TableCoordination, TableCoordination] {
  const name = `leases${++tables}t${Date.now() % 100_000}`;
  const client = (): TableClient => TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
  return [tableCoordination(client(), { now }), tableCoordination(client(), { now })];
}

const RESOURCE = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1';

function intent(id: string, overrides: Partial<WriteIntent> = {}): WriteIntent {
  return {
    id, group: id.split('-')[0], resourceId: RESOURCE, target: 'self', step: 'patch', body: { properties: { minimumTlsVersion: 'TLS1_2' } },
    time: '2026-12-01T00:00:00.000Z', holder: 'test', records: [], ...overrides,
  };
}

describe('table leases', () => {
  it('gives a lease to exactly one of many instances asking at once, and to the next once released', async () => {
    const [a, b] = twoInstances();
    const attempts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).leases.tryAcquire(RESOURCE, `holder-${i}`, 30_000)));
    const won = attempts.filter((lease) => lease !== undefined);
    expect(won).toHaveLength(1);
    // The key is case-insensitive: ARM ids are.
    expect(await b.leases.tryAcquire(RESOURCE.toUpperCase(), 'other', 30_000)).toBeUndefined();
    await won[0]?.release();
    expect(await b.leases.tryAcquire(RESOURCE, 'next', 30_000)).toBeDefined();
  });

  it('lets another instance take over a lease whose holder died (stopped renewing), and fences the old holder out', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const [a, b] = twoInstances(() => now);
    const dead = await a.leases.tryAcquire(RESOURCE, 'dead', 1000);
    expect(dead).toBeDefined();
    expect(await b.leases.tryAcquire(RESOURCE, 'early', 1000)).toBeUndefined();
    now += 1001;
    const successor = await b.leases.tryAcquire(RESOURCE, 'successor', 1000);
    expect(successor).toBeDefined();
    // The old holder comes back (a paused process): its renewal is refused, so it must not write.
    expect(await dead?.renew()).toBe(false);
    // Nor may its release free the successor's lease.
    await dead?.release();
    expect(await a.leases.tryAcquire(RESOURCE, 'third', 1000)).toBeUndefined();
    expect(await successor?.renew()).toBe(true);
  });

  it('of two instances taking over one expired lease at once, lets only one have it', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const [a, b] = twoInstances(() => now);
    await a.leases.tryAcquire(RESOURCE, 'dead', 1000);
    now += 5000;
    const takers = await Promise.all([a, b, a, b].map((c, i) => c.leases.tryAcquire(RESOURCE, `taker-${i}`, 1000)));
    expect(takers.filter((lease) => lease !== undefined)).toHaveLength(1);
  });

  it('throws LEASE_LOST at the fence before a write once another holder has the lease', async () => {
    let now = Date.parse('2026-12-01T00:00:00Z');
    const [a, b] = twoInstances(() => now);
    // Renewal on a timer is what keeps a live holder's lease; this one's timer is too slow to run.
    const held = await holdLease(a.leases, RESOURCE, 'slow', { ttlMs: 1000, renewEveryMs: 3_600_000 });
    await expect(held.confirm()).resolves.toBeUndefined();
    now += 5000;
    expect(await b.leases.tryAcquire(RESOURCE, 'successor', 1000)).toBeDefined();
    await expect(held.confirm()).rejects.toMatchObject({ code: 'LEASE_LOST' });
    await held.release();
  });

  it('throws LEASE_BUSY while another instance holds the resource', async () => {
    const [a, b] = twoInstances();
    const held = await holdLease(a.leases, RESOURCE, 'first', { ttlMs: 30_000 });
    await expect(holdLease(b.leases, RESOURCE, 'second', { ttlMs: 30_000 })).rejects.toMatchObject({ code: 'LEASE_BUSY' });
    await held.release();
    const next = await holdLease(b.leases, RESOURCE, 'second', { ttlMs: 30_000 });
    await next.release();
  });
});

describe('table intents', () => {
  it('keeps an intent until it is closed, visible to every instance, replaced when recorded again', async () => {
    const [a, b] = twoInstances();
    await a.intents.record(intent('g1-patch'));
    await a.intents.record(intent('g1-restart', { step: 'restart', time: '2026-12-01T00:00:01.000Z' }));
    await a.intents.record(intent('g2-patch', { resourceId: `${RESOURCE}x` }));
    expect((await b.intents.open(RESOURCE.toUpperCase())).map((i) => i.id)).toEqual(['g1-patch', 'g1-restart']);
    await b.intents.record(intent('g1-patch', { holder: 'again', time: '2026-12-01T00:00:02.000Z' }));
    expect((await a.intents.open(RESOURCE)).map((i) => `${i.id}:${i.holder}`)).toEqual(['g1-restart:test', 'g1-patch:again']);
    expect((await a.intents.list()).map((i) => i.id).sort()).toEqual(['g1-patch', 'g1-restart', 'g2-patch']);
    await b.intents.close(intent('g1-patch'));
    await b.intents.close(intent('g1-patch'));
    expect((await a.intents.open(RESOURCE)).map((i) => i.id)).toEqual(['g1-restart']);
    // Leases share the table and are not intents.
    await a.leases.tryAcquire(RESOURCE, 'x', 30_000);
    expect((await a.intents.list()).map((i) => i.id).sort()).toEqual(['g1-restart', 'g2-patch']);
  });

  it('refuses to read a damaged intent as no intent: it may be the only evidence of a write', async () => {
    const name = `leases${++tables}d${Date.now() % 100_000}`;
    const client = TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
    const { intents } = tableCoordination(client);
    await intents.record(intent('g1-patch'));
    const [row] = await intents.open(RESOURCE);
    expect(row.id).toBe('g1-patch');
    for await (const entity of client.listEntities()) await client.updateEntity({ partitionKey: entity.partitionKey as string, rowKey: entity.rowKey as string, intent: '{"id":' }, 'Replace');
    await expect(intents.open(RESOURCE)).rejects.toMatchObject({ code: 'COORDINATION_FAILED' });
  });
});
