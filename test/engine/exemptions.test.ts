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
