/**
 * The behaviour every AuditStore promises, run against each implementation (memory, JSONL, Azure
 * Table on Azurite), so the stores cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { AuditKey, chainOf, checkSeal } from '../../src/audit/integrity';
import type { AuditStore } from '../../src/audit/store';
import { verifyLog } from '../../src/audit/verify';
import { auditRecord, REDIS_ID, SHOP2_SITE_ID, SHOP_SITE_ID, SHOP_SLOT_ID, STORAGE_ID, unsealed } from '../fixtures/audit';

export const CONTRACT_KEY = new AuditKey('contract-test-audit-key-0123456789abcdef');

/** `newStore(key)` opens an empty store; `reopen` (where the store has one) opens a second handle on the same log. */
export function auditStoreContract(name: string, newStore: (key?: AuditKey) => Promise<AuditStore>): void {
  describe(`${name} (AuditStore contract)`, () => {
    it('returns an appended record by id, unchanged but for its seal', async () => {
      const store = await newStore();
      const record = auditRecord({ exemption: null });
      const result = await store.append([record]);
      expect(unsealed(result.inserted)).toEqual([record]);
      expect(result.duplicates).toEqual([]);
      expect(await store.has(record.id)).toBe(true);
      const read = await store.get(record.id);
      expect(unsealed(read)).toEqual(record);
      expect(read).toEqual(result.inserted[0]);
      expect(read?.integrity).toMatchObject({ v: 1, chain: chainOf(record.resourceId), seq: 1, prev: null, alg: 'sha256', keyId: null });
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
      expect(unsealed(await store.get(first.id))).toEqual(first);
      expect(unsealed(await store.query({ resourceId: first.resourceId }))).toEqual([first]);
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
      expect(unsealed(await store.get(exempt.id))).toEqual(exempt);
      expect(unsealed(await store.get(nested.id))).toEqual(nested);
      const withoutExemptionField = await store.get(nested.id);
      expect(withoutExemptionField && 'exemption' in withoutExemptionField).toBe(false);
      // What came back is what was sealed: the round trip keeps every seal valid.
      for (const id of [exempt.id, nested.id]) expect(checkSeal((await store.get(id))!, undefined)).toBe('valid');
    });

    it('round-trips a skip code, including one this version does not know, keeping the seal valid', async () => {
      const store = await newStore();
      const held = auditRecord({ outcome: 'skipped', skipCode: 'budget', reason: 'budget: 2 of 2 writes used in the last 60 minutes; not writing', after: null, verified: null });
      const newer = auditRecord({ resourceId: STORAGE_ID, outcome: 'skipped', skipCode: 'a-code-of-a-newer-version', reason: 'held back', after: null, verified: null });
      await store.append([held, newer]);
      expect(unsealed(await store.get(held.id))).toEqual(held);
      expect(unsealed(await store.get(newer.id))).toEqual(newer);
      for (const id of [held.id, newer.id]) expect(checkSeal((await store.get(id))!, undefined)).toBe('valid');
    });

    it('round-trips a recommendation (and its absence), keeping the seal valid', async () => {
      const store = await newStore();
      const labelled = auditRecord({
        recommendation: { assessmentKey: '1c5de8e1-f68d-6a17-e0d2-ec259c42768c', name: 'Secure transfer to storage accounts should be enabled', policyDefinitionIds: ['/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9'] },
      });
      const none = auditRecord({ resourceId: STORAGE_ID, recommendation: null });
      await store.append([labelled, none]);
      expect(unsealed(await store.get(labelled.id))).toEqual(labelled);
      expect(unsealed(await store.get(none.id))).toEqual(none);
      for (const id of [labelled.id, none.id]) expect(checkSeal((await store.get(id))!, undefined)).toBe('valid');
    });

    it('answers queries by resource, control, outcome and time range, oldest first', async () => {
      const store = await newStore();
      const a = auditRecord({ time: '2026-11-21T23:59:59.999Z', resourceId: SHOP_SITE_ID, control: 'appservice-min-tls' });
      const b = auditRecord({ time: '2026-11-22T00:00:00.000Z', resourceId: SHOP_SLOT_ID, control: 'appservice-https-only', outcome: 'would-fix', mode: 'dry-run' });
      const c = auditRecord({ time: '2026-11-22T12:30:00.000Z', resourceId: SHOP2_SITE_ID, control: 'appservice-https-only', outcome: 'compliant' });
      const d = auditRecord({ time: '2026-11-23T08:00:00.000Z', resourceId: STORAGE_ID, control: 'storage-https-only', outcome: 'fixed' });
      const e = auditRecord({ time: '2026-11-24T00:00:00.000Z', resourceId: REDIS_ID, control: 'redis-ssl-only', outcome: 'failed' });
      await store.append([e, c, a, d, b]);
      const q = async (query: Parameters<AuditStore['query']>[0]) => unsealed(await store.query(query));

      expect(await q({})).toEqual([a, b, c, d, e]);
      expect(await q({ resource: 'contoso-shop' })).toEqual([a, b, c]);
      expect(await q({ resource: 'MICROSOFT.WEB/SITES/CONTOSO-SHOP/slots' })).toEqual([b]);
      expect(await q({ resourceId: SHOP_SITE_ID.toUpperCase() })).toEqual([a]);
      expect(await q({ control: 'appservice-https-only' })).toEqual([b, c]);
      expect(await q({ outcome: 'fixed' })).toEqual([a, d]);
      expect(await q({ since: '2026-11-22T00:00:00.000Z', until: '2026-11-24T00:00:00.000Z' })).toEqual([b, c, d]);
      expect(await q({ since: '2026-11-22T13:30:00+01:00' })).toEqual([c, d, e]);
      expect(await q({ until: '2026-11-22T00:00:00.000Z' })).toEqual([a]);
      expect(await q({ control: 'appservice-https-only', since: '2026-11-22T06:00:00.000Z' })).toEqual([c]);
      expect(await q({ resourceId: SHOP_SITE_ID, since: '2026-11-22T00:00:00.000Z' })).toEqual([]);
    });

    it('keeps the newest records when a limit is given', async () => {
      const store = await newStore();
      const records = ['2026-11-20T09:00:00.000Z', '2026-11-21T09:00:00.000Z', '2026-11-22T09:00:00.000Z', '2026-11-23T09:00:00.000Z']
        .map((time) => auditRecord({ time }));
      await store.append(records);
      expect(unsealed(await store.query({ limit: 2 }))).toEqual(records.slice(2));
      expect(unsealed(await store.query({ limit: 10 }))).toEqual(records);
    });

    it('chains each resource\'s records in append order: seq 1, 2, … each linking to the one before', async () => {
      const store = await newStore();
      const shop = [auditRecord({ time: '2026-11-23T10:00:00.000Z' }), auditRecord({ control: 'appservice-min-tls', time: '2026-11-23T10:00:01.000Z' })];
      const storage = auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls' });
      await store.append([shop[0], storage, shop[1]]);
      await store.append([auditRecord({ control: 'appservice-ftps-only', time: '2026-11-23T10:00:02.000Z' })]);
      const history = await store.query({ resourceId: SHOP_SITE_ID });
      expect(history.map((r) => r.integrity?.seq)).toEqual([1, 2, 3]);
      expect(history[0].integrity?.prev).toBeNull();
      expect(history[1].integrity?.prev).toBe(history[0].integrity?.hash);
      expect(history[2].integrity?.prev).toBe(history[1].integrity?.hash);
      expect((await store.get(storage.id))?.integrity).toMatchObject({ chain: chainOf(STORAGE_ID), seq: 1, prev: null });
      const scanned = await store.scan!();
      const report = verifyLog(scanned, undefined);
      expect(report).toMatchObject({ intact: true, records: 4, sealed: 4, unchained: 0, unkeyed: 4, findings: [] });
      expect(report.heads.find((h) => h.resourceId === SHOP_SITE_ID)).toMatchObject({ seq: 3, records: 3, hash: history[2].integrity?.hash });
    });

    it('seals with HMAC-SHA256 under the key it is given, which only that key verifies', async () => {
      const store = await newStore(CONTRACT_KEY);
      const [sealed] = (await store.append([auditRecord()])).inserted;
      expect(sealed.integrity).toMatchObject({ alg: 'hmac-sha256', keyId: CONTRACT_KEY.id });
      expect(checkSeal(sealed, CONTRACT_KEY)).toBe('valid');
      expect(checkSeal(sealed, undefined)).toBe('unverifiable');
      expect(checkSeal(sealed, new AuditKey('another-deployment-key-0123456789abcdef'))).toBe('unverifiable');
      expect(verifyLog(await store.scan!(), CONTRACT_KEY)).toMatchObject({ intact: true, unkeyed: 0 });
    });

    it('replaces a seal the caller put on a record with its own', async () => {
      const store = await newStore();
      const forged = { ...auditRecord(), integrity: { v: 1 as const, chain: chainOf(SHOP_SITE_ID), seq: 99, prev: 'f'.repeat(64), alg: 'sha256' as const, keyId: null, hash: '0'.repeat(64) } };
      const [stored] = (await store.append([forged])).inserted;
      expect(stored.integrity).toMatchObject({ seq: 1, prev: null });
      expect(checkSeal(stored, undefined)).toBe('valid');
    });

    it('keeps one linear chain when appends for one resource run concurrently', async () => {
      const store = await newStore();
      const records = Array.from({ length: 12 }, (_, i) => auditRecord({ time: `2026-11-23T10:${String(10 + i).padStart(2, '0')}:00.000Z` }));
      await Promise.all(records.map((record) => store.append([record])));
      const history = await store.query({ resourceId: SHOP_SITE_ID });
      expect(history.map((r) => r.integrity?.seq).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(verifyLog(await store.scan!(), undefined)).toMatchObject({ intact: true, notes: [] });
    });
  });
}
