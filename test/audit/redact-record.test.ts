import { describe, expect, it } from 'vitest';
import { appendAll } from '../../src/collections';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import type { AuditRecord } from '../../src/audit/record';
import { redactRecord, redactingAuditStore, redactingNotifier } from '../../src/audit/redact-record';
import { REDACTED } from '../../src/redact';
import { auditRecord } from '../fixtures/audit';

const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJlLXBhcnQ';

function leaky(): AuditRecord {
  return {
    ...auditRecord({ outcome: 'exempt' }),
    actor: `alice ${JWT}`,
    correlationId: `AccountKey=${KEY}`,
    eventId: `ev ${JWT}`,
    reason: `exempt by tag: ticket 42 Password=hunter2x`,
    exemption: { source: 'resource', scope: `sig=abcDEF123`, reason: `ticket 42 ${KEY}`, until: `Bearer ${JWT}`, status: 'invalid' },
    before: { properties: { minTlsVersion: `SharedAccessKey=${KEY}`, list: ['1.0', JWT] } },
    after: { properties: { minTlsVersion: '1.2' } },
    // The seal is digests and ids: never touched (a store seals after masking, see redactingAuditStore).
    integrity: { v: 1, chain: `r-${'0a'.repeat(16)}`, seq: 2, prev: 'a3f5'.repeat(16), alg: 'hmac-sha256', keyId: '0123456789abcdef', hash: 'b4c6'.repeat(16) },
  };
}

describe('redactRecord', () => {
  it('masks every field that carries outside text', () => {
    const record = leaky();
    const masked = redactRecord(record);
    const text = JSON.stringify(masked);
    for (const secret of [KEY.slice(0, 16), 'eyJhdWQi', 'hunter2x', 'abcDEF123']) expect(text).not.toContain(secret);
    expect(masked.actor).toBe(`alice ${REDACTED}`);
    expect(masked.exemption).toMatchObject({ scope: REDACTED, reason: `ticket 42 ${REDACTED}`, until: REDACTED, status: 'invalid', source: 'resource' });
    expect(masked.before).toEqual({ properties: { minTlsVersion: REDACTED, list: ['1.0', REDACTED] } });
    // Ids, the untouched `after` and unknown fields stay as they were; the input is not mutated.
    expect({ id: masked.id, resourceId: masked.resourceId, subscriptionId: masked.subscriptionId, integrity: masked.integrity })
      .toEqual({ id: record.id, resourceId: record.resourceId, subscriptionId: record.subscriptionId, integrity: record.integrity });
    expect(masked.after).toBe(record.after);
    expect(record.actor).toBe(`alice ${JWT}`);
  });

  it('returns a record with nothing to mask as it is (same object: no copying on the hot path)', () => {
    const record = auditRecord({ reason: 'properties.minTlsVersion is "1.0", expected "1.2"; set properties.minTlsVersion = "1.2"' });
    expect(redactRecord(record)).toBe(record);
  });

  it('leaves a reason that is not a string (a damaged record read back) alone instead of throwing', () => {
    const record = { ...auditRecord(), reason: 42 } as unknown as AuditRecord;
    expect(redactRecord(record)).toBe(record);
  });
});

describe('redactingAuditStore', () => {
  it('stores masked records, answers with them, and otherwise is the store it wraps', async () => {
    const inner = new MemoryAuditStore();
    const store = redactingAuditStore(inner);
    const record = leaky();
    const { inserted } = await store.append([record]);
    expect(inserted[0].actor).toBe(`alice ${REDACTED}`);
    expect(inner.all()[0].actor).toBe(`alice ${REDACTED}`);
    expect(await store.has(record.id)).toBe(true);
    expect((await store.get(record.id))?.reason).toBe(`exempt by tag: ticket 42 ${REDACTED}`);
    expect(await store.query({})).toHaveLength(1);
    // Methods the interface does not name still reach the store, bound to it; instanceof holds.
    expect(store.all()).toHaveLength(1);
    expect(store).toBeInstanceOf(MemoryAuditStore);
  });
});

describe('redactingNotifier', () => {
  it('publishes masked records', async () => {
    const published: AuditRecord[] = [];
    await redactingNotifier({ publish: async (records) => void appendAll(published, records) }).publish([leaky()]);
    expect(published).toHaveLength(1);
    expect(JSON.stringify(published)).not.toContain(KEY.slice(0, 16));
  });
});
