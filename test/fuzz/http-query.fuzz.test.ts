/**
 * Hostile query strings at the two HTTP functions that read the audit log. Whatever the string,
 * each answers 200 or 400 (never throws, never 500), a 400 names the problem, and the store is
 * only asked a query whose every filter the caller wrote: a filter the handler could not read must
 * never turn into a wider query that returns more records. Seeded (FUZZ_SEED).
 */
import * as functions from '@azure/functions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { QUERY_PARAMETERS } from '../../src/audit/query';
import type { AuditQuery } from '../../src/audit/store';
import { auditApi } from '../../src/handlers/audit-api';
import { reviewPage } from '../../src/handlers/review';
import { NOW, SHOP, STORAGE, auditRecord } from '../report/records';

const SEED = Number(process.env.FUZZ_SEED ?? 7_000_001);
const RUNS = 1500;

const records = [
  auditRecord({ time: '2026-11-20T08:00:00.000Z', resourceId: STORAGE, control: 'storage-min-tls', outcome: 'fixed' }),
  auditRecord({ time: '2026-11-23T09:00:00.000Z', resourceId: SHOP, control: 'appservice-https-only', outcome: 'failed' }),
];

/** A memory store that remembers the queries it was asked. */
function recordingStore(): { store: MemoryAuditStore; asked: AuditQuery[] } {
  const store = new MemoryAuditStore(records);
  const asked: AuditQuery[] = [];
  const query = store.query.bind(store);
  store.query = (q) => {
    asked.push(q);
    return query(q);
  };
  return { store, asked };
}

const names = fc.oneof(
  fc.constantFrom(...QUERY_PARAMETERS, 'code', 'Outcome', 'outcome ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'resourceGroup'),
  fc.string({ maxLength: 12 }),
);
const values = fc.oneof(
  fc.constantFrom('fixed', 'failed', 'storage-min-tls', '2026-11-20', '2026-11-23T12:00:00Z', '2026-02-30', '10', '-1', '1e3', '10001', `${STORAGE}`, 'sites/app', '..%2F..%2Fetc'),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constant('x'.repeat(20_000)),
);
// Pairs encoded the way a browser would, plus raw strings that are not valid form encoding at all.
const queryString = fc.oneof(
  fc.array(fc.tuple(names, values), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc.string({ unit: 'binary', maxLength: 60 }).map((raw) => encodeURI(raw.replace(/[\ud800-\udfff]/g, '')).replace(/%25/g, '%')),
  fc.constantFrom('%', '%zz', '&&&', '=', '==x', 'outcome', 'outcome=fixed&outcome=fixed', 'a=%E0%A4%A', '%00=%00'),
);

/**
 * Every filter the store was asked for is one the caller gave (with a value), or one of the
 * handler's own narrowing defaults: /api/audit caps `limit`, /api/review starts at a `since`.
 */
function onlyAskedFor(asked: AuditQuery[], search: URLSearchParams, defaults: readonly string[]): boolean {
  const given = new Set([...search].filter(([, value]) => value.trim() !== '').map(([name]) => name));
  return asked.length > 0 && asked.every((q) => Object.entries(q).every(([filter, value]) => value !== undefined && (given.has(filter) || defaults.includes(filter))));
}

describe('HTTP audit query strings (fuzz)', () => {
  const handlers = {
    audit: (store: MemoryAuditStore) => auditApi({ audit: store }),
    review: (store: MemoryAuditStore) => reviewPage({ audit: store, clock: { now: () => NOW } }),
  };
  const defaults = { audit: ['limit'], review: ['since'] };

  it.each(Object.keys(handlers) as (keyof typeof handlers)[])('%s answers 200 or 400 and never queries wider than asked', async (name) => {
    const answered = { 200: 0, 400: 0 };
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const { store, asked } = recordingStore();
        const request = new functions.HttpRequest({ method: 'GET', url: `https://warden.example/api/${name}?${query}` });
        const context = new functions.InvocationContext({ functionName: name, logHandler: () => undefined });
        const response = await handlers[name](store)(request, context);
        expect([200, 400]).toContain(response.status);
        answered[response.status as 200 | 400] += 1;
        if (response.status === 400) {
          expect(asked).toEqual([]);
          const body = name === 'audit' ? JSON.stringify(response.jsonBody) : String(response.body);
          expect(body.length).toBeGreaterThan(0);
          if (name === 'audit') expect(response.jsonBody).toMatchObject({ error: { code: 'INVALID_INPUT' } });
        } else {
          const search = new URL(request.url).searchParams;
          const unknown = [...search.keys()].filter((key) => key !== 'code' && !(QUERY_PARAMETERS as readonly string[]).includes(key));
          expect(unknown).toEqual([]);
          expect(onlyAskedFor(asked, search, defaults[name])).toBe(true);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both answers were really exercised, not only the refusals.
    expect(answered[200]).toBeGreaterThan(RUNS / 20);
    expect(answered[400]).toBeGreaterThan(RUNS / 20);
  }, 120_000);
});
