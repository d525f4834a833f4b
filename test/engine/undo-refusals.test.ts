import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { undoFix } from '../../src/engine/undo';
import { AuditKey, ChainHeads, sealRecord, withoutIntegrity } from '../../src/audit/integrity';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import type { AuditRecord } from '../../src/audit/record';
import type { AuditStore } from '../../src/audit/store';
import { resourceGroup, storageAccount, storageAccountId } from '../fixtures/arm';
import { byControl, sandboxEngine, type SandboxEngine } from '../helpers/sandbox-runtime';

const KEY = new AuditKey('undo-refusal-test-audit-key-0123456789abcdef');
const MALLORY_KEY = new AuditKey('a-key-the-deployment-never-held-0123456789');
const NEVER_FIXED = storageAccountId('stcontoso002');

/** One account the tool fixed (TLS1_0 → TLS1_2) and one it never touched (TLS1_2 from the start). */
async function estate(auditKey: AuditKey | null = KEY): Promise<{ t: SandboxEngine; fixed: AuditRecord; log: AuditRecord[] }> {
  const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }), storageAccount({}, { name: 'stcontoso002' })], { auditKey: auditKey ?? undefined });
  const fixed = byControl(await t.process(storageAccountId()))['storage-min-tls'];
  expect(fixed.outcome).toBe('fixed');
  expect(byControl(await t.process(NEVER_FIXED))['storage-min-tls'].outcome).toBe('compliant');
  return { t, fixed, log: (await t.audit.scan()).records };
}

/** Undo against a log as it was left on disk or in the table (records taken as they are). */
/** `key: null`: the run holds no audit key. */
function undoFrom(t: SandboxEngine, log: readonly AuditRecord[], recordId: string, held: AuditKey | null = KEY, audit?: AuditStore) {
  const key = held ?? undefined;
  return undoFix(recordId, { audit: audit ?? new MemoryAuditStore(log, { key }), reader: t.gateway, writer: t.gateway, clock: t.clock, catalog, key }, 'mallory@contoso.com');
}

/** What someone who can write the log but holds no key can do: re-seal every chain from scratch (plain sha256, or a key of their own). */
function reseal(log: readonly AuditRecord[], key?: AuditKey): AuditRecord[] {
  const heads = new ChainHeads();
  return log.map((record) => {
    const sealed = sealRecord(withoutIntegrity(record), heads.next(record.resourceId), key);
    heads.observe(sealed);
    return sealed;
  });
}

const widerBefore = (record: AuditRecord): AuditRecord => ({
  ...record,
  before: { properties: { minimumTlsVersion: 'TLS1_0', allowBlobPublicAccess: true } },
});

function forgedFix(fixed: AuditRecord): AuditRecord {
  const { integrity: _integrity, ...content } = fixed;
  return {
    ...content, id: 'f'.repeat(32), resourceId: NEVER_FIXED, reason: 'storage-min-tls: minimumTlsVersion was TLS1_0',
    before: { properties: { minimumTlsVersion: 'TLS1_0' } }, after: { properties: { minimumTlsVersion: 'TLS1_2' } },
  };
}

function refusal(reason: string, message: RegExp) {
  return { code: 'UNDO_REFUSED', details: { reason }, message: expect.stringMatching(message) };
}

function expectUntouched(t: SandboxEngine, writesBefore: number): void {
  expect(t.sandbox.writes).toHaveLength(writesBefore);
  expect(t.sandbox.get(storageAccountId())?.properties).toMatchObject({ minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false });
  expect(t.sandbox.get(NEVER_FIXED)?.properties).toMatchObject({ minimumTlsVersion: 'TLS1_2' });
}

describe('undo trusts a record only when the audit log vouches for it', () => {
  it('undoes a genuine fix whose keyed chain verifies, and seals its own record with the key', async () => {
    const { t, fixed, log } = await estate();
    const record = await undoFrom(t, log, fixed.id);
    expect(record).toMatchObject({ outcome: 'undone', integrity: { alg: 'hmac-sha256', keyId: KEY.id } });
    expect(t.sandbox.get(storageAccountId())?.properties).toMatchObject({ minimumTlsVersion: 'TLS1_0' });
  });

  it('refuses a fix edited to carry a wider before (TAMPERED), and writes nothing', async () => {
    const { t, fixed, log } = await estate();
    const writes = t.sandbox.writes.length;
    const edited = log.map((r) => (r.id === fixed.id ? widerBefore(r) : r));
    await expect(undoFrom(t, edited, fixed.id)).rejects.toMatchObject(refusal('TAMPERED', /record [0-9a-f]+ fails verification \(edited\): .*no longer matches its seal/));
    expectUntouched(t, writes);
  });

  it('refuses the wider before even when the chain was re-sealed to match, because the fix never writes that path (PATH_NOT_OWNED)', async () => {
    // A deployment without a key: anyone who can write the log can recompute plain sha256 seals.
    const { t, fixed, log } = await estate(null);
    const writes = t.sandbox.writes.length;
    const edited = reseal(log.map((r) => (r.id === fixed.id ? widerBefore(r) : r)));
    await expect(undoFrom(t, edited, fixed.id, null)).rejects.toMatchObject(
      refusal('PATH_NOT_OWNED', /names properties\.allowBlobPublicAccess, which the storage-min-tls fix never writes \(it owns properties\.minimumTlsVersion\)/),
    );
    expectUntouched(t, writes);
  });

  it('refuses a re-sealed chain when the run holds the key: plain sha256 seals vouch for nothing (NO_VERIFIED_FIX)', async () => {
    const { t, fixed, log } = await estate();
    const writes = t.sandbox.writes.length;
    await expect(undoFrom(t, reseal(log), fixed.id)).rejects.toMatchObject(refusal('NO_VERIFIED_FIX', /no verified fix of storage-min-tls on .*stcontoso001: .*sealed without an audit key/));
    expectUntouched(t, writes);
  });

  it.each([
    ['unsealed', (forged: AuditRecord, _log: readonly AuditRecord[]) => forged, /(carries no seal|fails verification \(inserted\))/],
    ['sealed into the resource\'s chain with plain sha256', (forged: AuditRecord, log: readonly AuditRecord[]) => sealAfter(forged, log), /fails verification \(inserted\): .*sealed without a key after keyed records of the same chain \(a downgrade\)/],
    ['sealed with a key the deployment never held', (forged: AuditRecord, log: readonly AuditRecord[]) => sealAfter(forged, log, MALLORY_KEY), /sealed with audit key [0-9a-f]{16}, which this run does not hold/],
  ])('refuses a fix forged for a resource the tool never fixed (%s), so it is not set to TLS 1.0 (NO_VERIFIED_FIX)', async (_, forge, why) => {
    const { t, fixed, log } = await estate();
    const writes = t.sandbox.writes.length;
    const forged = forge(forgedFix(fixed), log);
    await expect(undoFrom(t, [...log, forged], forged.id)).rejects.toMatchObject(
      refusal('NO_VERIFIED_FIX', new RegExp(`the log shows no verified fix of storage-min-tls on ${NEVER_FIXED}: .*${why.source}`)),
    );
    expectUntouched(t, writes);
  });

  it('refuses a keyed record when the run holds no key, naming the setting (UNVERIFIABLE)', async () => {
    const { t, fixed, log } = await estate();
    await expect(undoFrom(t, log, fixed.id, null)).rejects.toMatchObject(refusal('UNVERIFIABLE', /which this run does not hold \(set TRANSIT_WARDEN_AUDIT_KEY/));
  });

  it('refuses a record written before chaining (UNCHAINED) beside a verified fix of the same control', async () => {
    const { t, fixed, log } = await estate();
    const { integrity: _integrity, ...old } = { ...fixed, id: 'e'.repeat(32), time: '2026-01-01T00:00:00.000Z' };
    await expect(undoFrom(t, [old, ...log], old.id)).rejects.toMatchObject(refusal('UNCHAINED', /carries no seal \(written before chaining, or forged\)/));
  });

  it('refuses a sound record when another record of its resource\'s history was deleted (TAMPERED)', async () => {
    const { t, fixed, log } = await estate();
    const first = log.find((r) => r.resourceId === fixed.resourceId && r.integrity?.seq === 1) as AuditRecord;
    expect(first.id).not.toBe(fixed.id);
    await expect(undoFrom(t, log.filter((r) => r !== first), fixed.id)).rejects.toMatchObject(
      refusal('TAMPERED', /the audit history of .*stcontoso001 fails verification, so none of it is trusted: deleted: record seq 1 .* is missing/),
    );
  });

  it('refuses when the record read by id differs from the copy in the resource\'s history (TAMPERED)', async () => {
    const { t, fixed, log } = await estate();
    const store = new MemoryAuditStore(log, { key: KEY });
    const planted: AuditStore = { ...bind(store), get: async (id) => (id === fixed.id ? widerBefore(fixed) : store.get(id)) };
    await expect(undoFrom(t, log, fixed.id, KEY, planted)).rejects.toMatchObject(refusal('TAMPERED', /differs from the copy in .*stcontoso001's history/));
  });

  it('refuses a record the resource\'s history does not hold (NO_VERIFIED_FIX)', async () => {
    const { t, fixed, log } = await estate();
    const store = new MemoryAuditStore(log, { key: KEY });
    const forged = { ...fixed, id: 'd'.repeat(32) };
    const planted: AuditStore = { ...bind(store), get: async (id) => (id === forged.id ? forged : store.get(id)) };
    await expect(undoFrom(t, log, forged.id, KEY, planted)).rejects.toMatchObject(refusal('NO_VERIFIED_FIX', /shows no fix d+ in the history of .*stcontoso001: the record was forged/));
  });
});

/** The next link of the forged record's resource chain, as an append would have sealed it. */
function sealAfter(record: AuditRecord, log: readonly AuditRecord[], key?: AuditKey): AuditRecord {
  const heads = new ChainHeads();
  for (const r of log) heads.observe(r);
  return sealRecord(record, heads.next(record.resourceId), key);
}

function bind(store: MemoryAuditStore): AuditStore {
  return {
    append: (records) => store.append(records),
    has: (id) => store.has(id),
    get: (id) => store.get(id),
    query: (query) => store.query(query),
  };
}
