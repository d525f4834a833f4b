import { describe, expect, it } from 'vitest';
import { resolveExemption } from '../../src/engine/exemptions';
import { normalizeTags } from '../../src/engine/tags';

const NOW = new Date('2026-11-23T12:00:00Z');
const REASON = 'Legacy POS terminals speak TLS 1.0 only';

describe('resolveExemption', () => {
  it('returns nothing when no exempt tag is present', () => {
    expect(resolveExemption('storage-min-tls', {}, {}, NOW)).toBeUndefined();
  });

  it('honours a * exemption with a reason and no expiry', () => {
    const result = resolveExemption('storage-min-tls', normalizeTags({ 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': REASON }), {}, NOW);
    expect(result).toEqual({ detail: { source: 'resource', scope: '*', reason: REASON, until: null, status: 'valid' }, problem: null });
  });

  it('matches tag names case-insensitively', () => {
    const tags = normalizeTags({ 'Transit-Warden-Exempt': 'storage-min-tls', 'TRANSIT-WARDEN-EXEMPT-REASON': REASON });
    expect(resolveExemption('storage-min-tls', tags, {}, NOW)?.detail.status).toBe('valid');
  });

  it('applies a comma-separated list only to the controls it names', () => {
    const tags = normalizeTags({ 'transit-warden-exempt': 'appservice-min-tls, appservice-ftps-only', 'transit-warden-exempt-reason': REASON });
    expect(resolveExemption('appservice-ftps-only', tags, {}, NOW)?.detail.status).toBe('valid');
    expect(resolveExemption('appservice-https-only', tags, {}, NOW)).toBeUndefined();
  });

  it('refuses an exemption whose reason is missing or shorter than 10 characters, and says why', () => {
    const missing = resolveExemption('storage-min-tls', normalizeTags({ 'transit-warden-exempt': '*' }), {}, NOW);
    expect(missing?.detail.status).toBe('invalid');
    expect(missing?.problem).toMatch(/at least 10 characters/);
    const short = resolveExemption('storage-min-tls', normalizeTags({ 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': ' tmp      ' }), {}, NOW);
    expect(short?.detail.status).toBe('invalid');
  });

  it.each([
    ['ten zero-width spaces', '\u200b'.repeat(10)],
    ['combining marks on two letters', `ab${'\u0301'.repeat(12)}`],
    ['ten dots', '..........'],
    ['direction marks padding a short word', `\u200eok\u200f${'\u2060'.repeat(10)}`],
    ['nine letters in spaced-out form', 'a b c d e f g h i'],
  ])('refuses a reason of %s: it passes a length check but says nothing', (_, reason) => {
    const result = resolveExemption('storage-min-tls', normalizeTags({ 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': reason }), {}, NOW);
    expect(result?.detail.status).toBe('invalid');
    expect(result?.problem).toMatch(/not counting spaces, invisible or combining characters, with at least 5 letters or digits/);
  });

  it('accepts a short real reason in any script', () => {
    for (const reason of ['Kunde braucht TLS1.0', 'レガシー端末のため一時的に除外', 'CHG-120345 freeze']) {
      const result = resolveExemption('storage-min-tls', normalizeTags({ 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': reason }), {}, NOW);
      expect(result?.detail.status, reason).toBe('valid');
    }
  });

  it('treats an empty or blank until as invalid, never as forever', () => {
    for (const until of ['', '   ']) {
      const result = resolveExemption('storage-min-tls', normalizeTags({ 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': REASON, 'transit-warden-exempt-until': until }), {}, NOW);
      expect(result?.detail.status).toBe('invalid');
      expect(result?.problem).toMatch(/must be a date YYYY-MM-DD, got ""/);
    }
  });

  it('refuses a scope that mixes * with control ids, for every control, instead of half-applying it', () => {
    const tags = normalizeTags({ 'transit-warden-exempt': '*,storage-min-tls', 'transit-warden-exempt-reason': REASON });
    for (const control of ['storage-min-tls', 'storage-https-only']) {
      const result = resolveExemption(control, tags, {}, NOW);
      expect(result?.detail.status).toBe('invalid');
      expect(result?.problem).toMatch(/must be \* alone or a list of control ids, got "\*,storage-min-tls"/);
    }
  });

  it('refuses exemption tags given twice in different case with different values, whichever comes first', () => {
    for (const tags of [
      { 'transit-warden-exempt': '*', 'Transit-Warden-Exempt': 'redis-min-tls', 'transit-warden-exempt-reason': REASON },
      { 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': REASON, 'TRANSIT-WARDEN-EXEMPT-UNTIL': '2026-12-31', 'transit-warden-exempt-until': '2099-12-31' },
    ]) {
      const result = resolveExemption('storage-min-tls', normalizeTags(tags), {}, NOW);
      expect(result?.detail.status).toBe('invalid');
      expect(result?.problem).toMatch(/is given more than once with different values/);
    }
    // The same value twice is no conflict.
    const same = normalizeTags({ 'transit-warden-exempt': '*', 'TRANSIT-WARDEN-EXEMPT': '*', 'transit-warden-exempt-reason': REASON });
    expect(resolveExemption('storage-min-tls', same, {}, NOW)?.detail.status).toBe('valid');
  });

  it('holds through the whole UTC day named by until and lapses the day after', () => {
    const tags = (until: string) => normalizeTags({ 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': REASON, 'transit-warden-exempt-until': until });
    expect(resolveExemption('x-y', tags('2026-11-23'), {}, new Date('2026-11-23T23:59:59Z'))?.detail.status).toBe('valid');
    const lapsed = resolveExemption('x-y', tags('2026-11-23'), {}, new Date('2026-11-24T00:00:00Z'));
    expect(lapsed?.detail.status).toBe('lapsed');
    expect(lapsed?.problem).toMatch(/lapsed after 2026-11-23/);
  });

  it('treats a malformed or impossible until date as invalid, never as open-ended', () => {
    const tags = (until: string) => normalizeTags({ 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': REASON, 'transit-warden-exempt-until': until });
    expect(resolveExemption('x-y', tags('31/12/2026'), {}, NOW)?.detail.status).toBe('invalid');
    expect(resolveExemption('x-y', tags('2026-02-30'), {}, NOW)?.detail.status).toBe('invalid');
  });

  it('applies resource-group tags to the resources in the group', () => {
    const group = normalizeTags({ 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': REASON });
    expect(resolveExemption('redis-min-tls', {}, group, NOW)?.detail).toMatchObject({ source: 'resource-group', status: 'valid' });
  });

  it("lets the resource's own exempt tags win over the group's, without mixing their reasons", () => {
    const group = normalizeTags({ 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': REASON });
    const resource = normalizeTags({ 'transit-warden-exempt': 'redis-ssl-only' });
    expect(resolveExemption('redis-min-tls', resource, group, NOW)).toBeUndefined();
    expect(resolveExemption('redis-ssl-only', resource, group, NOW)?.detail).toMatchObject({ source: 'resource', status: 'invalid' });
  });
});
