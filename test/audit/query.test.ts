import { describe, expect, it } from 'vitest';
import { applyQuery, matchesQuery, parseAuditQuery, parseInstant } from '../../src/audit/query';
import { isWardenError } from '../../src/errors';
import { auditRecord, SHOP_SITE_ID, SHOP_SLOT_ID } from '../fixtures/audit';

function rejection(params: Record<string, string | undefined>): string {
  try {
    parseAuditQuery(params);
  } catch (err) {
    expect(isWardenError(err, 'INVALID_INPUT')).toBe(true);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(params)} to be rejected`);
}

describe('parseAuditQuery', () => {
  it('accepts every documented parameter and normalises times to UTC ISO', () => {
    expect(parseAuditQuery({
      resource: 'contoso-shop', control: 'appservice-https-only', outcome: 'would-fix',
      since: '2026-11-01', until: '2026-11-23T12:00:00+01:00', limit: '50',
    })).toEqual({
      resource: 'contoso-shop', control: 'appservice-https-only', outcome: 'would-fix',
      since: '2026-11-01T00:00:00.000Z', until: '2026-11-23T11:00:00.000Z', limit: 50,
    });
  });

  it('treats absent and empty parameters as no filter', () => {
    expect(parseAuditQuery({})).toEqual({});
    expect(parseAuditQuery({ resource: '', outcome: undefined, limit: '  ' })).toEqual({});
  });

  it('accepts an exact resource id', () => {
    expect(parseAuditQuery({ resourceId: SHOP_SITE_ID })).toEqual({ resourceId: SHOP_SITE_ID });
    expect(rejection({ resourceId: 'contoso-shop' })).toMatch(/resourceId must be a full ARM resource id/);
  });

  it('rejects unknown parameter names instead of ignoring a typo', () => {
    expect(rejection({ outcomes: 'fixed' })).toMatch(/unknown audit query parameter "outcomes"/);
  });

  it('rejects an outcome outside the documented list', () => {
    expect(rejection({ outcome: 'FIXED' })).toMatch(/outcome must be one of compliant, fixed/);
  });

  it('rejects a control id that is not kebab-case', () => {
    expect(rejection({ control: 'Storage_Min_TLS' })).toMatch(/control must be a kebab-case control id/);
    expect(rejection({ control: "x' or 1 eq 1" })).toMatch(/control/);
  });

  it.each([
    ['yesterday'], ['2026-13-01'], ['2026-02-30'], ['2026-11-23T25:00:00Z'], ['2026-11-23T12:00:00'],
    ['2026-11-23 12:00:00Z'], ['1700000000'], ['2026-11-23T12:00:00+24:00'],
  ])('rejects %s as a time bound', (value) => {
    expect(rejection({ since: value })).toMatch(/since must be an ISO-8601 date/);
  });

  it('rejects since after until', () => {
    expect(rejection({ since: '2026-11-23', until: '2026-11-22' })).toMatch(/since .* is after until/);
  });

  it.each([['0'], ['-1'], ['1.5'], ['10001'], ['ten'], ['1e3']])('rejects limit %s', (value) => {
    expect(rejection({ limit: value })).toMatch(/limit must be a whole number from 1 to 10000/);
  });

  it('accepts the largest limit', () => {
    expect(parseAuditQuery({ limit: '10000' }).limit).toBe(10_000);
  });
});

describe('parseInstant', () => {
  it('reads a date as UTC midnight and a zoned date-time exactly', () => {
    expect(parseInstant('2026-11-23')).toBe(Date.UTC(2026, 10, 23));
    expect(parseInstant('2026-11-23T10:15:30.123Z')).toBe(Date.UTC(2026, 10, 23, 10, 15, 30, 123));
    expect(parseInstant('2026-11-23T10:15-02:00')).toBe(Date.UTC(2026, 10, 23, 12, 15));
  });
});

describe('matchesQuery', () => {
  const record = auditRecord({ resourceId: SHOP_SLOT_ID, time: '2026-11-23T10:00:00.000Z' });

  it('matches the resource as a case-insensitive substring', () => {
    expect(matchesQuery(record, { resource: 'SITES/CONTOSO-SHOP/SLOTS/staging' })).toBe(true);
    expect(matchesQuery(record, { resource: 'contoso-shop2' })).toBe(false);
  });

  it('matches resourceId exactly, so a slot is not the site', () => {
    expect(matchesQuery(record, { resourceId: SHOP_SITE_ID })).toBe(false);
    expect(matchesQuery(record, { resourceId: SHOP_SLOT_ID.toLowerCase() })).toBe(true);
  });

  it('includes since and excludes until', () => {
    expect(matchesQuery(record, { since: '2026-11-23T10:00:00.000Z' })).toBe(true);
    expect(matchesQuery(record, { until: '2026-11-23T10:00:00.000Z' })).toBe(false);
    expect(matchesQuery(record, { until: '2026-11-23T10:00:00.001Z' })).toBe(true);
  });

  it('compares instants, not strings, when the record time has no milliseconds', () => {
    const coarse = { ...record, time: '2026-11-23T10:00:00Z' };
    expect(matchesQuery(coarse, { since: '2026-11-23T10:00:00.000Z', until: '2026-11-23T10:00:00.001Z' })).toBe(true);
  });
});

describe('applyQuery', () => {
  it('orders oldest first and keeps insertion order for equal times', () => {
    const [x, y, z] = [
      auditRecord({ time: '2026-11-23T10:00:00.000Z' }),
      auditRecord({ time: '2026-11-23T09:00:00.000Z' }),
      auditRecord({ time: '2026-11-23T10:00:00.000Z' }),
    ];
    expect(applyQuery([x, y, z], {})).toEqual([y, x, z]);
    expect(applyQuery([x, y, z], { limit: 1 })).toEqual([z]);
  });
});
