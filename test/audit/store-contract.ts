/**
 * The behaviour every AuditStore promises, run against each implementation (memory, JSONL, Azure
 * Table on Azurite), so the stores cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import type { AuditStore } from '../../src/audit/store';
import { auditRecord, REDIS_ID, SHOP2_SITE_ID, SHOP_SITE_ID, SHOP_SLOT_ID, STORAGE_ID } from '../fixtures/audit';

export function auditStoreContract(name: string, newStore: () => Promise<AuditStore>): void {
  describe(`${name} (AuditStore contract)`, () => {
    it('returns an appended record by id, unchanged', async () => {
      const store = await newStore();
      const record = auditRecord({ exemption: null });
      const result = await store.append([record]);
      expect(result).toEqual({ inserted: [record], duplicates: [] });
      expect(await store.has(record.id)).toBe(true);
      expect(await store.get(record.id)).toEqual(record);
    });

    it('reports an unknown id as absent', async () => {
      const store = await newStore();
      expect(await store.has('0'.repeat(32))).toBe(false);
      expect(await store.get('0'.repeat(32))).toBeUndefined();
    });

    it('treats the same id appended again as a duplicate and keeps the first version', async () => {
      const store = await newStore();
      const first = auditRecord({ occurrence: 'evt-redelivered' });
      const redelivery = { ...first, time: '2026-11-23T10:16:00.000Z', reason: 'second delivery' };
      await store.append([first]);
      const result = await store.append([redelivery]);
      expect(result.inserted).toEqual([]);
      expect(result.duplicates).toEqual([redelivery]);
      expect(await store.get(first.id)).toEqual(first);
      expect(await store.query({ resourceId: first.resourceId })).toEqual([first]);
    });

    it('treats a repeated id within one batch as a duplicate', async () => {
      const store = await newStore();
      const record = auditRecord();
      const result = await store.append([record, { ...record }]);
      expect(result.inserted).toHaveLength(1);
      expect(result.duplicates).toHaveLength(1);
      expect(await store.query({})).toHaveLength(1);
    });

    it('round-trips nulls, nested JSON and the exemption detail exactly', async () => {
      const store = await newStore();
      const exempt = auditRecord({
        outcome: 'exempt', eventId: null, correlationId: null, actor: null, verified: null, before: null, after: null, mode: 'report',
        durationMs: 0.75, reason: 'exempt by tag on the resource group: "legacy client, 10+ chars", until 2026-12-31',
        exemption: { source: 'resource-group', scope: 'appservice-https-only,appservice-min-tls', reason: 'legacy client, 10+ chars', until: '2026-12-31', status: 'valid' },
      });
      const nested = auditRecord({
        resourceId: STORAGE_ID, control: 'storage-min-tls',
        before: { properties: { minimumTlsVersion: 'TLS1_0', list: [1, 'two', null, { deep: true }], unicode: 'é – 💡', empty: {} } },
        after: { properties: { minimumTlsVersion: 'TLS1_2' } },
        verified: false,
      });
      await store.append([exempt, nested]);
      expect(await store.get(exempt.id)).toEqual(exempt);
      expect(await store.get(nested.id)).toEqual(nested);
      const withoutExemptionField = await store.get(nested.id);
      expect(withoutExemptionField && 'exemption' in withoutExemptionField).toBe(false);
    });

    it('answers queries by resource, control, outcome and time range, oldest first', async () => {
      const store = await newStore();
      const a = auditRecord({ time: '2026-11-21T23:59:59.999Z', resourceId: SHOP_SITE_ID, control: 'appservice-min-tls' });
      const b = auditRecord({ time: '2026-11-22T00:00:00.000Z', resourceId: SHOP_SLOT_ID, control: 'appservice-https-only', outcome: 'would-fix', mode: 'dry-run' });
      const c = auditRecord({ time: '2026-11-22T12:30:00.000Z', resourceId: SHOP2_SITE_ID, control: 'appservice-https-only', outcome: 'compliant' });
      const d = auditRecord({ time: '2026-11-23T08:00:00.000Z', resourceId: STORAGE_ID, control: 'storage-https-only', outcome: 'fixed' });
      const e = auditRecord({ time: '2026-11-24T00:00:00.000Z', resourceId: REDIS_ID, control: 'redis-ssl-only', outcome: 'failed' });
      await store.append([e, c, a, d, b]);

      expect(await store.query({})).toEqual([a, b, c, d, e]);
      expect(await store.query({ resource: 'contoso-shop' })).toEqual([a, b, c]);
      expect(await store.query({ resource: 'MICROSOFT.WEB/SITES/CONTOSO-SHOP/slots' })).toEqual([b]);
      expect(await store.query({ resourceId: SHOP_SITE_ID.toUpperCase() })).toEqual([a]);
      expect(await store.query({ control: 'appservice-https-only' })).toEqual([b, c]);
      expect(await store.query({ outcome: 'fixed' })).toEqual([a, d]);
      expect(await store.query({ since: '2026-11-22T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' })).toEqual([b, c, d]);
      expect(await store.query({ since: '2026-11-22T13:30:00+01:00' })).toEqual([c, d, e]);
      expect(await store.query({ until: '2026-11-22T00:00:00.000Z' })).toEqual([a]);
      expect(await store.query({ control: 'appservice-https-only', since: '2026-11-22T06:00:00.000Z' })).toEqual([c]);
      expect(await store.query({ resourceId: SHOP_SITE_ID, since: '2026-11-22T00:00:00.000Z' })).toEqual([]);
    });

    it('keeps the newest records when a limit is given', async () => {
      const store = await newStore();
      const records = ['2026-11-20T09:00:00.000Z', '2026-11-21T09:00:00.000Z', '2026-11-22T09:00:00.000Z', '2026-11-23T09:00:00.000Z']
        .map((time) => auditRecord({ time }));
      await store.append(records);
      expect(await store.query({ limit: 2 })).toEqual(records.slice(2));
      expect(await store.query({ limit: 10 })).toEqual(records);
    });
  });
}
