import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { buildReviewReport, describeQuery } from '../../src/report/review-report';
import { NOW, SHOP, STORAGE, auditRecord } from './records';

describe('review report', () => {
  it('renders the page for exactly the records the store returns for the query', async () => {
    const store = new MemoryAuditStore([
      auditRecord({ time: '2026-11-20T08:00:00.000Z', resourceId: STORAGE, control: 'storage-min-tls', outcome: 'fixed' }),
      auditRecord({ time: '2026-11-21T08:00:00.000Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed' }),
      auditRecord({ time: '2026-11-22T08:00:00.000Z', resourceId: SHOP, control: 'appservice-min-tls', outcome: 'failed' }),
    ]);

    const report = await buildReviewReport(store, { resource: 'contoso-shop', outcome: 'fixed' }, { now: NOW, title: 'Weekly review' });

    expect(report.recordCount).toBe(1);
    expect(report.html).toContain('<title>Weekly review</title>');
    expect(report.html).toContain('resource contains &quot;contoso-shop&quot;, outcome fixed');
    expect(report.html).toContain('2026-11-21T08:00:00.000Z');
    expect(report.html).not.toContain('2026-11-20T08:00:00.000Z');
  });
});

describe('describeQuery', () => {
  it('names every filter in a fixed order', () => {
    expect(describeQuery({ since: '2026-11-01T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z', control: 'storage-min-tls', outcome: 'failed', limit: 50 }))
      .toBe('since 2026-11-01T00:00:00.000Z, until 2026-11-23T00:00:00.000Z, control storage-min-tls, outcome failed, newest 50');
  });

  it('is empty for an empty query', () => {
    expect(describeQuery({})).toBe('');
  });
});
