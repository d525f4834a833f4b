import * as functions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import type { AuditQuery, AuditStore } from '../../src/audit/store';
import { WardenError } from '../../src/errors';
import { reviewPage } from '../../src/handlers/review';
import { REVIEW_PAGE_CSP_HEADER } from '../../src/report/html';
import { NOW, SHOP, STORAGE, auditRecord } from '../report/records';

const clock = { now: () => NOW };

function get(query = ''): functions.HttpRequest {
  return new functions.HttpRequest({ method: 'GET', url: `https://warden.azurewebsites.net/api/review${query}` });
}

function context() {
  const lines: string[] = [];
  const ctx = new functions.InvocationContext({ functionName: 'review', logHandler: (_level, ...args) => void lines.push(args.map(String).join(' ')) });
  return { ctx, lines };
}

/** The records embedded for the table, as the page's script reads them. */
function embeddedTimes(body: unknown): string[] {
  const html = String(body);
  const match = /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no data block in the page');
  return (JSON.parse(match[1]) as { records: { time: string }[] }).records.map((r) => r.time);
}

const records = [
  auditRecord({ time: '2026-09-30T10:00:00.000Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed' }),
  auditRecord({ time: '2026-10-24T11:59:59.000Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed' }),
  auditRecord({ time: '2026-10-24T12:00:00.000Z', resourceId: SHOP, control: 'appservice-min-tls', outcome: 'would-fix' }),
  auditRecord({ time: '2026-11-20T08:00:00.000Z', resourceId: STORAGE, control: 'storage-min-tls', outcome: 'fixed' }),
  auditRecord({ time: '2026-11-23T09:00:00.000Z', resourceId: STORAGE, control: 'storage-https-only', outcome: 'failed' }),
];

describe('review page function', () => {
  it('answers 200 with the page and the security headers', async () => {
    const handler = reviewPage({ audit: new MemoryAuditStore(records), clock });
    const response = await handler(get(), context().ctx);
    const headers = new Headers(response.headers);

    expect(response.status).toBe(200);
    expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(headers.get('content-security-policy')).toBe(REVIEW_PAGE_CSP_HEADER);
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(String(response.body)).toMatch(/^<!doctype html>/);
  });

  it('covers the last 30 days when no since is given', async () => {
    const response = await reviewPage({ audit: new MemoryAuditStore(records), clock })(get(), context().ctx);

    expect(embeddedTimes(response.body)).toEqual(['2026-10-24T12:00:00.000Z', '2026-11-20T08:00:00.000Z', '2026-11-23T09:00:00.000Z']);
    expect(String(response.body)).toContain('since 2026-10-24T12:00:00.000Z');
  });

  it('passes the query filters through the shared audit query parser', async () => {
    const response = await reviewPage({ audit: new MemoryAuditStore(records), clock })(
      get('?since=2026-09-01&resource=STCONTOSODATA&outcome=fixed'), context().ctx,
    );

    expect(embeddedTimes(response.body)).toEqual(['2026-11-20T08:00:00.000Z']);
  });

  it('ignores the function key parameter instead of refusing it as an unknown filter', async () => {
    const response = await reviewPage({ audit: new MemoryAuditStore(records), clock })(get('?code=s3cr3t-function-key&control=storage-min-tls'), context().ctx);

    expect(response.status).toBe(200);
    expect(embeddedTimes(response.body)).toEqual(['2026-11-20T08:00:00.000Z']);
    expect(String(response.body)).not.toContain('s3cr3t-function-key');
  });

  it('answers 400 with the reason when a filter is malformed', async () => {
    const response = await reviewPage({ audit: new MemoryAuditStore(records), clock })(get('?since=last-tuesday'), context().ctx);

    expect(response.status).toBe(400);
    expect(new Headers(response.headers).get('content-type')).toBe('text/plain; charset=utf-8');
    expect(String(response.body)).toContain('since must be an ISO-8601 date');
  });

  it('answers 400 for an unknown parameter', async () => {
    const response = await reviewPage({ audit: new MemoryAuditStore(records), clock })(get('?outcom=fixed'), context().ctx);

    expect(response.status).toBe(400);
    expect(String(response.body)).toContain('unknown audit query parameter "outcom"');
  });

  it.each([
    ['?outcome=fixed&outcome=failed', 'outcome'],
    ['?since=2026-09-01&control=storage-min-tls&since=2026-11-01', 'since'],
    ['?outcome=&outcome=fixed', 'outcome'],
  ])('answers 400 naming the parameter when %s repeats one, as GET /api/audit does', async (query, name) => {
    const response = await reviewPage({ audit: new MemoryAuditStore(records), clock })(get(query), context().ctx);

    expect(response.status).toBe(400);
    expect(new Headers(response.headers).get('content-type')).toBe('text/plain; charset=utf-8');
    expect(String(response.body)).toBe(`query parameter "${name}" is given more than once\n`);
  });

  it('still drops the function key when it is given twice', async () => {
    const response = await reviewPage({ audit: new MemoryAuditStore(records), clock })(get('?code=one&code=two&outcome=failed'), context().ctx);

    expect(response.status).toBe(200);
    expect(embeddedTimes(response.body)).toEqual(['2026-11-23T09:00:00.000Z']);
  });

  it.each(['__proto__', 'constructor', 'toString'])('answers 400 for %s as an unknown parameter', async (name) => {
    const response = await reviewPage({ audit: new MemoryAuditStore(records), clock })(get(`?${name}=x`), context().ctx);

    expect(response.status).toBe(400);
    expect(String(response.body)).toContain(`unknown audit query parameter "${name}"`);
  });

  it('answers 503 without details when the audit store fails, and logs why', async () => {
    const broken: AuditStore = {
      append: async () => ({ inserted: [], duplicates: [] }),
      has: async () => false,
      get: async () => undefined,
      query: async (_query: AuditQuery) => { throw new WardenError('AUDIT_STORE_FAILED', 'table transit-warden-audit: 403 AuthorizationFailure'); },
    };
    const { ctx, lines } = context();
    const response = await reviewPage({ audit: broken, clock })(get(), ctx);

    expect(response.status).toBe(503);
    expect(String(response.body)).not.toContain('AuthorizationFailure');
    expect(lines.join('\n')).toContain('403 AuthorizationFailure');
  });

  it('refuses methods other than GET', async () => {
    const request = new functions.HttpRequest({ method: 'POST', url: 'https://warden.azurewebsites.net/api/review' });
    const response = await reviewPage({ audit: new MemoryAuditStore(records), clock })(request, context().ctx);

    expect(response.status).toBe(405);
    expect(new Headers(response.headers).get('allow')).toBe('GET');
  });

  it('resolves a lazily given runtime only when a request arrives', async () => {
    let built = 0;
    const handler = reviewPage(() => {
      built += 1;
      return { audit: new MemoryAuditStore(records), clock };
    });
    expect(built).toBe(0);

    await handler(get(), context().ctx);
    expect(built).toBe(1);
  });
});
