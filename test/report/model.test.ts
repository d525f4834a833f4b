import { describe, expect, it } from 'vitest';
import {
  activeExemptions, buildReviewModel, countByControlAndOutcome, dailyRemediation, quarantinedPairs, topDriftActors, topDriftResources,
} from '../../src/report/model';
import type { ExemptionDetail, Outcome } from '../../src/audit/record';
import { API, LEGACY_STORAGE, NOW, REDIS, SHOP, SHOP_STAGING, STORAGE, auditRecord, sampleRecords } from './records';

const TODAY = '2026-11-23';
const exemption = (overrides: Partial<ExemptionDetail> = {}): ExemptionDetail => ({
  source: 'resource', scope: '*', reason: 'vendor appliance speaks TLS 1.0 only', until: null, status: 'valid', ...overrides,
});

describe('counts by control and outcome', () => {
  it('counts every record once under its control and outcome, controls in id order', () => {
    const rows = countByControlAndOutcome([
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: STORAGE, control: 'storage-min-tls', outcome: 'fixed' }),
      auditRecord({ time: '2026-11-20T11:00:00Z', resourceId: STORAGE, control: 'storage-min-tls', outcome: 'fixed' }),
      auditRecord({ time: '2026-11-20T12:00:00Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'failed' }),
    ]);

    expect(rows.map((r) => r.control)).toEqual(['appservice-https-only', 'storage-min-tls']);
    expect(rows[1].counts.fixed).toBe(2);
    expect(rows[1].total).toBe(2);
    expect(rows[0].counts.failed).toBe(1);
    expect(rows[0].counts.fixed).toBe(0);
  });
});

describe('counts with a record from a newer version', () => {
  it('counts an outcome this version does not know in the totals only, never as NaN', () => {
    const rows = countByControlAndOutcome([
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: STORAGE, control: 'storage-min-tls', outcome: 'fixed' }),
      auditRecord({ time: '2026-11-20T11:00:00Z', resourceId: STORAGE, control: 'storage-min-tls', outcome: 'rolled-back' as Outcome }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].total).toBe(2);
    expect(rows[0].counts.fixed).toBe(1);
    expect(Object.keys(rows[0].counts)).not.toContain('rolled-back');
    expect(Object.values(rows[0].counts).every((n) => Number.isInteger(n))).toBe(true);
  });
});

describe('daily remediation series', () => {
  it('has one point per UTC day from the first record to the last, quiet days as zeros', () => {
    const series = dailyRemediation([
      auditRecord({ time: '2026-11-18T23:59:59Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed' }),
      auditRecord({ time: '2026-11-21T00:00:00Z', resourceId: SHOP, control: 'appservice-min-tls', outcome: 'would-fix' }),
      auditRecord({ time: '2026-11-21T08:00:00Z', resourceId: REDIS, control: 'redis-ssl-only', outcome: 'failed' }),
      auditRecord({ time: '2026-11-21T09:00:00Z', resourceId: REDIS, control: 'redis-min-tls', outcome: 'compliant' }),
    ]);

    expect(series).toEqual([
      { day: '2026-11-18', fixed: 1, wouldFix: 0, failed: 0 },
      { day: '2026-11-19', fixed: 0, wouldFix: 0, failed: 0 },
      { day: '2026-11-20', fixed: 0, wouldFix: 0, failed: 0 },
      { day: '2026-11-21', fixed: 0, wouldFix: 1, failed: 1 },
    ]);
  });

  it('keeps only the most recent days when the records span more than the limit', () => {
    const series = dailyRemediation([
      auditRecord({ time: '2026-01-01T10:00:00Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed' }),
      auditRecord({ time: '2026-11-23T10:00:00Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed' }),
    ], 7);

    expect(series.map((p) => p.day)).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(series.reduce((n, p) => n + p.fixed, 0)).toBe(1);
  });

  it('is empty without records', () => {
    expect(dailyRemediation([])).toEqual([]);
  });
});

describe('top drift', () => {
  const records = [
    auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed', actor: 'alice@contoso.com' }),
    auditRecord({ time: '2026-11-20T11:00:00Z', resourceId: SHOP.toUpperCase(), control: 'appservice-min-tls', outcome: 'would-fix', actor: 'Alice@Contoso.com' }),
    auditRecord({ time: '2026-11-20T12:00:00Z', resourceId: API, control: 'appservice-client-cert', outcome: 'noncompliant', actor: 'bob@contoso.com' }),
    auditRecord({ time: '2026-11-20T13:00:00Z', resourceId: API, control: 'appservice-https-only', outcome: 'compliant', actor: 'bob@contoso.com' }),
    auditRecord({ time: '2026-11-20T14:00:00Z', resourceId: STORAGE, control: 'storage-min-tls', outcome: 'failed', actor: 'carol@contoso.com' }),
    auditRecord({ time: '2026-11-20T15:00:00Z', resourceId: STORAGE, control: 'storage-https-only', outcome: 'fixed', actor: null }),
  ];

  it('ranks resources by fixed, would-fix and noncompliant records, ids compared case-insensitively', () => {
    expect(topDriftResources(records)).toEqual([
      { key: SHOP, count: 2 },
      { key: API, count: 1 },
      { key: STORAGE, count: 1 },
    ]);
  });

  it('ranks actors the same way and leaves out records without an actor', () => {
    expect(topDriftActors(records)).toEqual([
      { key: 'alice@contoso.com', count: 2 },
      { key: 'bob@contoso.com', count: 1 },
    ]);
  });

  it('returns at most the requested number of entries', () => {
    expect(topDriftResources(records, 1)).toEqual([{ key: SHOP, count: 2 }]);
  });
});

describe('active exemptions', () => {
  it('lists the latest valid exemption per resource and control, flagging those that end within 14 days', () => {
    const active = activeExemptions([
      auditRecord({ time: '2026-11-01T10:00:00Z', resourceId: LEGACY_STORAGE, control: 'storage-min-tls', outcome: 'exempt', exemption: exemption({ until: '2026-11-25', reason: 'an older reason, replaced since' }) }),
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: LEGACY_STORAGE, control: 'storage-min-tls', outcome: 'exempt', exemption: exemption({ until: '2026-12-07' }) }),
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: REDIS, control: 'redis-min-tls', outcome: 'exempt', exemption: exemption({ until: '2026-12-08' }) }),
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'exempt', exemption: exemption({ until: null }) }),
    ], TODAY);

    expect(active.map((e) => [e.resourceId, e.exemption.until, e.expiresSoon])).toEqual([
      [LEGACY_STORAGE, '2026-12-07', true],
      [REDIS, '2026-12-08', false],
      [SHOP, null, false],
    ]);
    expect(active[0].exemption.reason).toBe('vendor appliance speaks TLS 1.0 only');
  });

  it('counts an exemption ending today as active and expiring soon', () => {
    const active = activeExemptions([
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: REDIS, control: 'redis-min-tls', outcome: 'exempt', exemption: exemption({ until: TODAY }) }),
    ], TODAY);

    expect(active).toHaveLength(1);
    expect(active[0].expiresSoon).toBe(true);
  });

  it('leaves out lapsed, invalid and past-dated exemptions', () => {
    const active = activeExemptions([
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: REDIS, control: 'redis-min-tls', outcome: 'exempt', exemption: exemption({ until: '2026-11-22' }) }),
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: API, control: 'appservice-min-tls', outcome: 'exempt', exemption: exemption({ status: 'lapsed', until: '2026-11-01' }) }),
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'exempt', exemption: exemption({ status: 'invalid', reason: 'short' }) }),
    ], TODAY);

    expect(active).toEqual([]);
  });

  it('drops an exemption once a later record shows the control being fixed again', () => {
    const active = activeExemptions([
      auditRecord({ time: '2026-11-20T10:00:00Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'exempt', exemption: exemption() }),
      auditRecord({ time: '2026-11-21T10:00:00Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed' }),
    ], TODAY);

    expect(active).toEqual([]);
  });
});

describe('quarantined pairs', () => {
  const flapping = 'flapping: fixed 3 times in the last 60 minutes; something keeps undoing this fix';

  it('lists the latest flapping record per resource and control', () => {
    const pairs = quarantinedPairs([
      auditRecord({ time: '2026-11-19T10:15:00Z', resourceId: SHOP_STAGING, control: 'appservice-https-only', outcome: 'skipped', reason: flapping }),
      auditRecord({ time: '2026-11-19T11:15:00Z', resourceId: SHOP_STAGING, control: 'appservice-https-only', outcome: 'skipped', reason: flapping, actor: 'deploy-pipeline@contoso.com' }),
      auditRecord({ time: '2026-11-19T11:20:00Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'skipped', reason: 'budget: 200 of 200 writes used' }),
    ]);

    expect(pairs).toEqual([{
      resourceId: SHOP_STAGING, control: 'appservice-https-only', since: '2026-11-19T11:15:00Z', reason: flapping, actor: 'deploy-pipeline@contoso.com',
    }]);
  });

  it('releases a pair once a later record shows it fixed or compliant', () => {
    const pairs = quarantinedPairs([
      auditRecord({ time: '2026-11-19T10:15:00Z', resourceId: SHOP_STAGING, control: 'appservice-https-only', outcome: 'skipped', reason: flapping }),
      auditRecord({ time: '2026-11-20T10:15:00Z', resourceId: SHOP_STAGING, control: 'appservice-https-only', outcome: 'compliant' }),
    ]);

    expect(pairs).toEqual([]);
  });
});

describe('review model', () => {
  it('summarises the sample week: totals, time span, exemptions and quarantine', () => {
    const records = sampleRecords();
    const model = buildReviewModel([...records].reverse(), TODAY);

    expect(model.total).toBe(records.length);
    expect(model.firstTime).toBe('2026-11-17T06:00:00.000Z');
    expect(model.lastTime).toBe('2026-11-23T10:00:00.000Z');
    expect(model.outcomes.fixed).toBe(records.filter((r) => r.outcome === 'fixed').length);
    expect(model.daily).toHaveLength(7);
    expect(model.exemptions).toHaveLength(3);
    expect(model.exemptions.filter((e) => e.expiresSoon)).toHaveLength(1);
    expect(model.quarantined.map((q) => q.resourceId)).toEqual([SHOP_STAGING]);
    expect(NOW.toISOString().slice(0, 10)).toBe(TODAY);
  });
});
