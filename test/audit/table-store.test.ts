import { randomBytes } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayPartition, fromEntity, idPartition, resourcePartition, slotKey, TableAuditStore } from '../../src/audit/table-store';
import { isWardenError } from '../../src/errors';
import type { AuditKey } from '../../src/audit/integrity';
import { checkFlap, checkWriteBudget } from '../../src/engine/guards';
import { startAzurite, type RunningAzurite } from '../helpers/azurite';
import { auditRecord, recordsEvery, SHOP_SITE_ID, STORAGE_ID, unsealed } from '../fixtures/audit';
import { verifyLog } from '../../src/audit/verify';
import { auditStoreContract } from './store-contract';

/** An entity's own columns, without the keys and the service's metadata. */
function plainColumns(entity: Record<string, unknown>): Record<string, unknown> {
  const { partitionKey: _p, rowKey: _r, etag: _e, timestamp: _t, 'odata.metadata': _m, ...columns } = entity;
  return columns;
}

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

const freshTableName = (): string => `audit${randomBytes(6).toString('hex')}`;
function freshStore(key?: AuditKey): { store: TableAuditStore; client: TableClient } {
  const table = freshTableName();
  return {
    store: TableAuditStore.fromConnectionString(azurite.connectionString, table, { key }),
    client: TableClient.fromConnectionString(azurite.connectionString, table, { allowInsecureConnection: true }),
  };
}

async function entities(client: TableClient): Promise<Array<{ partitionKey: string; rowKey: string }>> {
  const all: Array<{ partitionKey: string; rowKey: string }> = [];
  for await (const entity of client.listEntities()) all.push({ partitionKey: String(entity.partitionKey), rowKey: String(entity.rowKey) });
  return all;
}

auditStoreContract('TableAuditStore on Azurite', async (key) => freshStore(key).store);

describe('TableAuditStore', () => {
  it('writes a claim, a day entity, a resource entity and a chain slot per record, and nothing else', async () => {
    const { store, client } = freshStore();
    const record = auditRecord({ time: '2026-11-23T23:59:59.999Z' });
    await store.append([record]);
    const order = (a: { partitionKey: string; rowKey: string }, b: { partitionKey: string; rowKey: string }) =>
      a.partitionKey.localeCompare(b.partitionKey) || a.rowKey.localeCompare(b.rowKey);
    expect((await entities(client)).sort(order)).toEqual([
      { partitionKey: '2026-11-23', rowKey: record.id },
      { partitionKey: idPartition(record.id), rowKey: record.id },
      { partitionKey: resourcePartition(SHOP_SITE_ID), rowKey: record.id },
      { partitionKey: resourcePartition(SHOP_SITE_ID), rowKey: slotKey(1) },
    ].sort(order));
    expect(await client.getEntity(resourcePartition(SHOP_SITE_ID), slotKey(1))).toMatchObject({ id: record.id, seq: 1, hash: (await store.get(record.id))?.integrity?.hash });
  });

  it('collides on a redelivery after midnight instead of writing a second record', async () => {
    const { store, client } = freshStore();
    const first = auditRecord({ occurrence: 'evt-1', time: '2026-11-23T23:59:58.000Z' });
    const redelivered = { ...first, time: '2026-11-24T00:00:03.000Z' };
    await store.append([first]);
    const result = await Promise.all([store.append([redelivered]), store.append([redelivered])]);
    expect(result.flatMap((r) => r.duplicates)).toEqual([redelivered, redelivered]);
    expect(result.flatMap((r) => r.inserted)).toEqual([]);
    expect(await entities(client)).toHaveLength(4);
    expect(await store.query({ since: '2026-11-24' })).toEqual([]);
    expect(unsealed(await store.get(first.id))).toEqual(first);
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
    expect(unsealed(await store.query({ resourceId: STORAGE_ID }))).toEqual([record]);
    expect(unsealed(await store.query({ since: dayPartition(record.time) }))).toEqual([record]);
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
    expect(unsealed(await store.query({ resourceId: STORAGE_ID }))).toEqual([record]);
    expect(unsealed(await store.query({ since: dayPartition(record.time) }))).toEqual([record]);
    expect(await store.has('0123456789abcdef-not-stored')).toBe(false);
  });

  it('keeps one linear chain when two instances append to the same resource at once, and stores a raced id once', async () => {
    const table = freshTableName();
    const instances = [0, 1].map(() => TableAuditStore.fromConnectionString(azurite.connectionString, table));
    const records = Array.from({ length: 16 }, (_, i) => auditRecord({ time: `2026-11-23T10:00:${String(i).padStart(2, '0')}.000Z` }));
    const raced = auditRecord({ occurrence: 'evt-delivered-twice' });
    const results = await Promise.all([
      ...records.map((record, i) => instances[i % 2].append([record])),
      instances[0].append([raced]),
      instances[1].append([{ ...raced, reason: 'the redelivery' }]),
    ]);
    expect(results.flatMap((r) => r.inserted)).toHaveLength(17);
    expect(results.flatMap((r) => r.duplicates)).toHaveLength(1);
    const history = await instances[0].query({ resourceId: SHOP_SITE_ID });
    expect(history).toHaveLength(17);
    expect(history.map((r) => r.integrity?.seq).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    const report = verifyLog(await instances[1].scan(), undefined);
    expect(report).toMatchObject({ intact: true, sealed: 17, notes: [] });
  });

  it('names, in a scan, a copy edited, a copy deleted, a record deleted with its slot left, and a record planted without a slot', async () => {
    const { store, client } = freshStore();
    const records = [0, 1, 2, 3].map((i) => auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls', time: `2026-11-23T10:0${i}:00.000Z` }));
    for (const record of records) await store.append([record]);
    const [edited, copyless, gone] = records;
    const partition = resourcePartition(STORAGE_ID);
    // Edit the claim copy (what undo's get() reads): widen before.
    await client.updateEntity({ partitionKey: idPartition(edited.id), rowKey: edited.id, before: JSON.stringify({ properties: { minimumTlsVersion: 'TLS1_0', publicNetworkAccess: 'Enabled' } }) }, 'Merge');
    await client.deleteEntity(dayPartition(copyless.time), copyless.id);
    for (const pk of [idPartition(gone.id), dayPartition(gone.time), partition]) await client.deleteEntity(pk, gone.id);
    const planted = { ...auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls', time: '2026-11-23T11:00:00.000Z' }) };
    const stored = await store.get(records[3].id);
    await client.createEntity({ partitionKey: partition, rowKey: planted.id, ...plainColumns(await client.getEntity(partition, records[3].id)), id: planted.id, integrity: JSON.stringify(stored?.integrity) });

    const report = verifyLog(await store.scan(), undefined);
    expect(report.intact).toBe(false);
    const named = report.findings.map((f) => [f.kind, f.recordId ?? null]);
    expect(named).toEqual(expect.arrayContaining([
      ['edited', edited.id],
      ['deleted', copyless.id],
      ['deleted', gone.id],
      ['inserted', planted.id],
    ]));
    expect(report.findings.find((f) => f.recordId === gone.id)?.detail).toMatch(/is gone; its chain slot remains/);
    expect(report.findings.find((f) => f.recordId === planted.id && f.kind === 'inserted')?.detail).toMatch(/chain slot there names record|claims seq/);
  });

  it('reads only the day partitions of a time range', async () => {
    const { store, client } = freshStore();
    const inRange = auditRecord({ time: '2026-11-22T08:00:00.000Z' });
    await store.append([inRange, auditRecord({ time: '2026-11-20T08:00:00.000Z' })]);
    // An entity that is not a record, planted in a day outside the range: never read, so no warning.
    await client.createEntity({ partitionKey: '2026-11-19', rowKey: 'junk', note: 'not a record' });
    expect(unsealed(await store.query({ since: '2026-11-21', until: '2026-11-23' }))).toEqual([inRange]);
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
