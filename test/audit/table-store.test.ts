import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayPartition, fromEntity, idPartition, resourcePartition, TableAuditStore } from '../../src/audit/table-store';
import { isWardenError } from '../../src/errors';
import { checkFlap, checkWriteBudget } from '../../src/engine/guards';
import { startAzurite, type RunningAzurite } from '../helpers/azurite';
import { auditRecord, recordsEvery, SHOP_SITE_ID, STORAGE_ID } from '../fixtures/audit';
import { auditStoreContract } from './store-contract';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

const freshTableName = (): string => `audit${randomBytes(6).toString('hex')}`;
function freshStore(): { store: TableAuditStore; client: TableClient } {
  const table = freshTableName();
  return {
    store: TableAuditStore.fromConnectionString(azurite.connectionString, table),
    client: TableClient.fromConnectionString(azurite.connectionString, table, { allowInsecureConnection: true }),
  };
}

async function entities(client: TableClient): Promise<Array<{ partitionKey: string; rowKey: string }>> {
  const all: Array<{ partitionKey: string; rowKey: string }> = [];
  for await (const entity of client.listEntities()) all.push({ partitionKey: String(entity.partitionKey), rowKey: String(entity.rowKey) });
  return all;
}

auditStoreContract('TableAuditStore on Azurite', async () => freshStore().store);

describe('TableAuditStore', () => {
  it('writes a claim, a day entity and a resource entity per record, and nothing else', async () => {
    const { store, client } = freshStore();
    const record = auditRecord({ time: '2026-11-23T23:59:59.999Z' });
    await store.append([record]);
    expect((await entities(client)).sort((a, b) => a.partitionKey.localeCompare(b.partitionKey))).toEqual([
      { partitionKey: '2026-11-23', rowKey: record.id },
      { partitionKey: idPartition(record.id), rowKey: record.id },
      { partitionKey: resourcePartition(SHOP_SITE_ID), rowKey: record.id },
    ].sort((a, b) => a.partitionKey.localeCompare(b.partitionKey)));
  });

  it('collides on a redelivery after midnight instead of writing a second record', async () => {
    const { store, client } = freshStore();
    const first = auditRecord({ occurrence: 'evt-1', time: '2026-11-23T23:59:58.000Z' });
    const redelivered = { ...first, time: '2026-11-24T00:00:03.000Z' };
    await store.append([first]);
    const result = await Promise.all([store.append([redelivered]), store.append([redelivered])]);
    expect(result.flatMap((r) => r.duplicates)).toEqual([redelivered, redelivered]);
    expect(result.flatMap((r) => r.inserted)).toEqual([]);
    expect(await entities(client)).toHaveLength(3);
    expect(await store.query({ since: '2026-11-24' })).toEqual([]);
    expect(await store.get(first.id)).toEqual(first);
  });

  it('restores the day and resource entities when an append died after the claim', async () => {
    const { store, client } = freshStore();
    const record = auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls' });
    await store.query({}); // creates the table
    // What a crash right after the claim leaves behind: only the claim entity.
    const { partitionKey: _p, rowKey: _r, ...claimed } = (await (async () => {
      const probe = freshStore();
      await probe.store.append([record]);
      return probe.client.getEntity(idPartition(record.id), record.id);
    })()) as Record<string, unknown> & { partitionKey: string; rowKey: string };
    const { etag: _e, timestamp: _t, 'odata.metadata': _m, ...columns } = claimed;
    await client.createEntity({ partitionKey: idPartition(record.id), rowKey: record.id, ...columns });
    expect(await store.query({ resourceId: STORAGE_ID })).toEqual([]);

    expect((await store.append([record])).duplicates).toEqual([record]);
    expect(await store.query({ resourceId: STORAGE_ID })).toEqual([record]);
    expect(await store.query({ since: dayPartition(record.time) })).toEqual([record]);
  });

  it('restores them too when a redelivery only asks whether the record exists (the engine then skips it)', async () => {
    const { store, client } = freshStore();
    const record = auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls' });
    const probe = freshStore();
    await probe.store.append([record]);
    const { partitionKey: _p, rowKey: _r, etag: _e, timestamp: _t, 'odata.metadata': _m, ...columns } =
      (await probe.client.getEntity(idPartition(record.id), record.id)) as Record<string, unknown>;
    await store.query({}); // creates the table
    await client.createEntity({ partitionKey: idPartition(record.id), rowKey: record.id, ...columns });
    expect(await store.query({ resourceId: STORAGE_ID })).toEqual([]);

    expect(await store.has(record.id)).toBe(true);
    expect(await store.query({ resourceId: STORAGE_ID })).toEqual([record]);
    expect(await store.query({ since: dayPartition(record.time) })).toEqual([record]);
    expect(await store.has('0123456789abcdef-not-stored')).toBe(false);
  });

  it('reads only the day partitions of a time range', async () => {
    const { store, client } = freshStore();
    const inRange = auditRecord({ time: '2026-11-22T08:00:00.000Z' });
    await store.append([inRange, auditRecord({ time: '2026-11-20T08:00:00.000Z' })]);
    // An entity that is not a record, planted in a day outside the range: never read, so no warning.
    await client.createEntity({ partitionKey: '2026-11-19', rowKey: 'junk', note: 'not a record' });
    expect(await store.query({ since: '2026-11-21', until: '2026-11-23' })).toEqual([inRange]);
    expect(store.warnings).toEqual([]);
    expect(await store.query({})).toHaveLength(2);
    expect(store.warnings).toEqual([expect.stringMatching(/2026-11-19\/junk has an invalid /)]);
  });

  it('answers the guards from the audit table', async () => {
    const { store } = freshStore();
    const now = new Date('2026-11-24T00:20:00.000Z');
    await store.append(recordsEvery(3, 15, now)); // spans midnight
    expect(await checkFlap(store, { resourceId: SHOP_SITE_ID, control: 'appservice-https-only', now, maxFixes: 3, windowMinutes: 60 }))
      .toEqual({ quarantined: true, fixesInWindow: 3 });
    expect(await checkWriteBudget(store, { now, maxWrites: 10, windowMinutes: 20 })).toEqual({ exhausted: false, used: 2 });
  });

  it('refuses an id that cannot be a table key', async () => {
    const { store } = freshStore();
    await expect(store.append([auditRecord({ id: 'a/b' })])).rejects.toSatisfy((err) => isWardenError(err, 'INVALID_INPUT'));
    expect(await store.has('a/b')).toBe(false);
  });

  it('reports an unreachable table as AUDIT_STORE_FAILED', async () => {
    const store = TableAuditStore.fromConnectionString(
      azurite.connectionString.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:9'), freshTableName());
    await expect(store.has('0'.repeat(32))).rejects.toSatisfy((err) => isWardenError(err, 'AUDIT_STORE_FAILED'));
  });
});

describe('TableAuditStore.fromUrl', () => {
  const credential = { getToken: async () => ({ token: 'unused', expiresOnTimestamp: Date.now() + 60_000 }) };

  it('accepts an https table URL', () => {
    expect(TableAuditStore.fromUrl('https://stcontosowarden.table.core.windows.net/transitwardenaudit', credential)).toBeInstanceOf(TableAuditStore);
  });

  it.each([
    ['http://stcontosowarden.table.core.windows.net/transitwardenaudit', /https/],
    ['https://stcontosowarden.table.core.windows.net/', /must end with a table name/],
    ['https://stcontosowarden.table.core.windows.net/audit?sv=2024&sig=abc', /query string/],
    ['not a url', /not a URL/],
  ])('refuses %s', (url, message) => {
    expect(() => TableAuditStore.fromUrl(url, credential)).toThrow(message);
  });
});

describe('fromEntity', () => {
  const stored = (overrides: Record<string, unknown>): Record<string, unknown> => ({
    partitionKey: '2026-11-23', rowKey: 'abc', id: 'abc', time: '2026-11-23T10:00:00.000Z', trigger: 'event',
    subscriptionId: 's', resourceId: SHOP_SITE_ID, resourceType: 'Microsoft.Web/sites', control: 'appservice-https-only',
    outcome: 'fixed', reason: 'r', before: 'null', after: 'null', mode: 'enforce', durationMs: 3, version: '0.1.0', ...overrides,
  });

  it('reads missing nullable columns back as null', () => {
    expect(fromEntity(stored({}))).toMatchObject({ eventId: null, correlationId: null, actor: null, verified: null });
  });

  it.each([
    [{ outcome: 'deleted' }, /invalid outcome/],
    [{ before: '{not json' }, /invalid before/],
    [{ verified: 'yes' }, /invalid verified/],
    [{ exemption: JSON.stringify({ source: 'pipeline', scope: '*', reason: null, until: null, status: 'valid' }) }, /invalid exemption/],
  ])('refuses a tampered entity %j', (overrides, message) => {
    expect(() => fromEntity(stored(overrides))).toThrow(message);
  });
});
