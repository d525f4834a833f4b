import * as functions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import type { AuditStore } from '../../src/audit/store';
import { WardenError } from '../../src/errors';
import { auditApi } from '../../src/handlers/audit-api';
import { auditRecord, SHOP_SITE_ID, STORAGE_ID } from '../fixtures/audit';

function context() {
  const lines: string[] = [];
  const ctx = new functions.InvocationContext({ invocationId: 'inv-42', functionName: 'audit', logHandler: (_level, ...args) => void lines.push(args.map(String).join(' ')) });
  return { ctx, lines };
}

function get(query: string, method = 'GET') {
  return new functions.HttpRequest({ method, url: `http://localhost:7071/api/audit${query}` });
}

const records = [
  auditRecord({ time: '2026-11-22T09:00:00.000Z' }),
  auditRecord({ time: '2026-11-23T09:00:00.000Z', resourceId: STORAGE_ID, control: 'storage-min-tls', outcome: 'would-fix', mode: 'dry-run' }),
  auditRecord({ time: '2026-11-23T10:00:00.000Z', outcome: 'compliant' }),
];
const handler = auditApi({ audit: new MemoryAuditStore(records) });

describe('audit API', () => {
  it('returns the matching records as JSON, oldest first', async () => {
    const response = await handler(get(`?resource=contoso-shop&since=2026-11-22&limit=10`), context().ctx);
    expect(response.status).toBe(200);
    expect(response.jsonBody).toEqual({ records: [records[0], records[2]] });
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store' });
  });

  it('filters by control, outcome and exact resource id', async () => {
    expect((await handler(get('?control=storage-min-tls&outcome=would-fix'), context().ctx)).jsonBody).toEqual({ records: [records[1]] });
    expect((await handler(get(`?resourceId=${encodeURIComponent(SHOP_SITE_ID)}&outcome=fixed`), context().ctx)).jsonBody).toEqual({ records: [records[0]] });
  });

  it('ignores the function key the host passes as ?code=', async () => {
    const response = await handler(get('?code=s3cr3t-function-key&outcome=compliant'), context().ctx);
    expect(response.status).toBe(200);
    expect(response.jsonBody).toEqual({ records: [records[2]] });
  });

  it.each([
    ['?outcome=fixd', /outcome must be one of/],
    ['?since=yesterday', /since must be an ISO-8601 date/],
    ['?since=2026-11-23&until=2026-11-22', /is after until/],
    ['?limit=0', /limit must be a whole number/],
    ['?resorce=contoso', /unknown audit query parameter "resorce"/],
    ['?outcome=fixed&outcome=failed', /^query parameter "outcome" is given more than once$/],
    ['?__proto__=x', /unknown audit query parameter "__proto__"/],
    ['?constructor=x', /unknown audit query parameter "constructor"/],
  ])('answers 400 with a coded error for %s', async (query, message) => {
    const response = await handler(get(query), context().ctx);
    expect(response.status).toBe(400);
    expect(response.jsonBody).toEqual({ error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
  });

  it('answers 405 to anything but GET', async () => {
    const response = await handler(get('', 'POST'), context().ctx);
    expect(response.status).toBe(405);
    expect(response.headers).toMatchObject({ allow: 'GET' });
  });

  it('answers 500 with a generic message and logs the details when the store fails', async () => {
    const failing: AuditStore = {
      append: async () => ({ inserted: [], duplicates: [] }),
      has: async () => false,
      get: async () => undefined,
      query: async () => { throw new WardenError('AUDIT_STORE_FAILED', 'audit table: query failed: 403 on stcontosowarden/transitwardenaudit'); },
    };
    const { ctx, lines } = context();
    const response = await auditApi(() => ({ audit: failing }))(get(''), ctx);
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.jsonBody)).not.toContain('stcontosowarden');
    expect(response.jsonBody).toEqual({ error: { code: 'AUDIT_STORE_FAILED', message: expect.stringContaining('inv-42') } });
    expect(lines.join('\n')).toContain('403 on stcontosowarden/transitwardenaudit');
  });

  it('bounds an unlimited request to the newest 10,000 records', async () => {
    let asked: unknown;
    const store = new MemoryAuditStore();
    const spy: AuditStore = { append: (r) => store.append(r), has: (id) => store.has(id), get: (id) => store.get(id), query: async (q) => { asked = q; return []; } };
    await auditApi({ audit: spy })(get(''), context().ctx);
    expect(asked).toEqual({ limit: 10_000 });
  });
});
