import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/canonical';
import { AuditKey, auditKeyFrom, chainOf, checkSeal, sealRecord } from '../../src/audit/integrity';
import { resourcePartition } from '../../src/audit/table-store';
import { auditRecord, SHOP_SITE_ID } from '../fixtures/audit';

const SECRET = 'integrity-test-key-DO-NOT-PRINT-0123456789';

describe('the audit key setting', () => {
  it('is optional: blank means records are chained with plain sha256', () => {
    expect(auditKeyFrom(undefined)).toBeUndefined();
    expect(auditKeyFrom('   ')).toBeUndefined();
  });

  it.each([
    ['@Microsoft.KeyVault(VaultName=kv-tw-abc;SecretName=audit-key)', /unresolved Key Vault reference/],
    ['short-key', /at least 32 characters/],
  ])('refuses %s, naming the setting and never echoing the value', (value, message) => {
    let error: unknown;
    try {
      auditKeyFrom(value);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringMatching(message) });
    expect((error as Error).message).toContain('TRANSIT_WARDEN_AUDIT_KEY');
    expect((error as Error).message).not.toContain(value);
  });

  it('never shows the secret when the key is serialised or inspected', () => {
    const key = auditKeyFrom(SECRET) as AuditKey;
    expect(JSON.stringify({ key })).toBe(`{"key":{"id":"${key.id}"}}`);
    expect(String(Object.values(key))).not.toContain(SECRET);
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
    expect(new AuditKey(SECRET).id).toBe(key.id);
  });
});

describe('seals', () => {
  it('cover every field: changing any one of them, or the position, breaks the seal', () => {
    const key = new AuditKey(SECRET);
    const sealed = sealRecord(auditRecord(), { chain: chainOf(SHOP_SITE_ID), seq: 1, prev: null }, key);
    expect(checkSeal(sealed, key)).toBe('valid');
    for (const change of [{ before: { properties: { httpsOnly: null } } }, { resourceId: `${SHOP_SITE_ID}2` }, { outcome: 'compliant' as const }, { time: '2026-11-23T10:15:30.124Z' }, { exemption: null }]) {
      expect(checkSeal({ ...sealed, ...change }, key), JSON.stringify(change)).toBe('invalid');
    }
    expect(checkSeal({ ...sealed, integrity: { ...sealed.integrity!, seq: 2, prev: 'a'.repeat(64) } }, key)).toBe('invalid');
  });

  it('do not depend on the order of a record\'s keys (stores rebuild records field by field)', () => {
    const sealed = sealRecord(auditRecord(), { chain: chainOf(SHOP_SITE_ID), seq: 1, prev: null }, undefined);
    const reordered = Object.fromEntries(Object.entries(sealed).reverse()) as typeof sealed;
    expect(checkSeal(reordered, undefined)).toBe('valid');
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });

  it('name the chain as the table store names the resource partition', () => {
    expect(chainOf(SHOP_SITE_ID.toUpperCase())).toBe(resourcePartition(SHOP_SITE_ID));
  });
});
