import { WardenError } from '../errors';
import { OUTCOMES, type AuditRecord, type Outcome } from './record';
import type { AuditQuery } from './store';

/**
 * Audit query semantics shared by every store, the CLI and the HTTP API, so `audit --since` and
 * `GET /api/audit?since=` mean exactly the same thing whichever store answers.
 */

export const MAX_QUERY_LIMIT = 10_000;

/** Parameter names `parseAuditQuery` accepts; anything else is a typo we refuse rather than ignore. */
export const QUERY_PARAMETERS = ['resource', 'resourceId', 'control', 'outcome', 'since', 'until', 'limit'] as const;

const CONTROL_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;
// A date, or a date-time with an explicit zone: a zone-less time would be read in the server's local
// time, so the same command would select different records on different machines.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/i;

function invalid(message: string, details?: Record<string, unknown>): WardenError {
  return new WardenError('INVALID_INPUT', message, details);
}

/** Milliseconds since the epoch for an ISO-8601 date (`YYYY-MM-DD`, UTC midnight) or zoned date-time, else undefined. */
export function parseInstant(value: string): number | undefined {
  const match = ISO_INSTANT.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, zone] = match;
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  // Date.UTC rolls 2025-02-30 over to March; refuse it instead of silently moving the bound.
  const calendar = new Date(Date.UTC(y, m - 1, d));
  if (calendar.getUTCFullYear() !== y || calendar.getUTCMonth() !== m - 1 || calendar.getUTCDate() !== d) return undefined;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || (second !== undefined && Number(second) > 59))) return undefined;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    if (zh > 23 || zm > 59) return undefined;
  }
  const ms = Date.parse(hour === undefined ? `${year}-${month}-${day}T00:00:00Z` : value.toUpperCase());
  return Number.isNaN(ms) ? undefined : ms;
}

function instantParam(name: 'since' | 'until', value: string): string {
  const ms = parseInstant(value);
  if (ms === undefined) {
    throw invalid(`${name} must be an ISO-8601 date (2026-11-23) or date-time with a zone (2026-11-23T12:00:00Z), got ${JSON.stringify(value)}`, { parameter: name });
  }
  // Normalised so stores compare like with like.
  return new Date(ms).toISOString();
}

/**
 * Parse query parameters as the CLI flags and the HTTP query string give them. Empty or absent values
 * mean "no filter". Throws WardenError('INVALID_INPUT') naming the offending parameter.
 *
 * `resource` is a case-insensitive substring of the resource id; `resourceId` (an addition to the
 * DESIGN list) is one exact resource id, compared case-insensitively, which table stores answer from
 * a single partition.
 */
export function parseAuditQuery(params: Record<string, string | undefined>): AuditQuery {
  const allowed: readonly string[] = QUERY_PARAMETERS;
  const unknown = Object.keys(params).filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    throw invalid(`unknown audit query parameter ${unknown.map((n) => JSON.stringify(n)).join(', ')}; allowed: ${QUERY_PARAMETERS.join(', ')}`, { parameters: unknown });
  }
  const given = (name: (typeof QUERY_PARAMETERS)[number]): string | undefined => {
    const value = params[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const query: AuditQuery = {};

  const resource = given('resource');
  if (resource !== undefined) query.resource = resource;
  const resourceId = given('resourceId');
  if (resourceId !== undefined) {
    if (!resourceId.toLowerCase().startsWith('/subscriptions/')) {
      throw invalid(`resourceId must be a full ARM resource id starting with /subscriptions/, got ${JSON.stringify(resourceId)}`, { parameter: 'resourceId' });
    }
    query.resourceId = resourceId;
  }

  const control = given('control');
  if (control !== undefined) {
    if (!CONTROL_ID.test(control)) throw invalid(`control must be a kebab-case control id such as storage-min-tls, got ${JSON.stringify(control)}`, { parameter: 'control' });
    query.control = control;
  }

  const outcome = given('outcome');
  if (outcome !== undefined) {
    if (!(OUTCOMES as readonly string[]).includes(outcome)) {
      throw invalid(`outcome must be one of ${OUTCOMES.join(', ')}, got ${JSON.stringify(outcome)}`, { parameter: 'outcome' });
    }
    query.outcome = outcome as Outcome;
  }

  const since = given('since');
  if (since !== undefined) query.since = instantParam('since', since);
  const until = given('until');
  if (until !== undefined) query.until = instantParam('until', until);
  if (query.since !== undefined && query.until !== undefined && query.since > query.until) {
    throw invalid(`since (${query.since}) is after until (${query.until})`, { parameter: 'since' });
  }

  const limit = given('limit');
  if (limit !== undefined) {
    const n = /^\d+$/.test(limit) ? Number(limit) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_QUERY_LIMIT) {
      throw invalid(`limit must be a whole number from 1 to ${MAX_QUERY_LIMIT}, got ${JSON.stringify(limit)}`, { parameter: 'limit' });
    }
    query.limit = n;
  }
  return query;
}

/** Epoch milliseconds of a query bound; bounds from code (not parseAuditQuery) are parsed leniently. */
function boundMs(value: string): number {
  const ms = parseInstant(value) ?? Date.parse(value);
  if (Number.isNaN(ms)) throw invalid(`audit query bound ${JSON.stringify(value)} is not an ISO-8601 time`);
  return ms;
}

/** A predicate for one query, with bounds parsed once (stores call it per record). */
export function queryPredicate(query: AuditQuery): (record: AuditRecord) => boolean {
  const resource = query.resource?.toLowerCase();
  const resourceId = query.resourceId?.toLowerCase();
  const since = query.since === undefined ? undefined : boundMs(query.since);
  const until = query.until === undefined ? undefined : boundMs(query.until);
  return (record) => {
    if (resource !== undefined && !record.resourceId.toLowerCase().includes(resource)) return false;
    if (resourceId !== undefined && record.resourceId.toLowerCase() !== resourceId) return false;
    if (query.control !== undefined && record.control !== query.control) return false;
    if (query.outcome !== undefined && record.outcome !== query.outcome) return false;
    if (since !== undefined || until !== undefined) {
      const time = Date.parse(record.time);
      if (since !== undefined && !(time >= since)) return false;
      if (until !== undefined && !(time < until)) return false;
    }
    return true;
  };
}

export function matchesQuery(record: AuditRecord, query: AuditQuery): boolean {
  return queryPredicate(query)(record);
}

/** Oldest first by `time`; ties keep their given order (stable sort). */
export function sortOldestFirst(records: readonly AuditRecord[]): AuditRecord[] {
  return records
    .map((record, index) => ({ record, index, time: Date.parse(record.time) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ record }) => record);
}

/**
 * Filter, order oldest first and apply `limit`. The limit keeps the NEWEST matches (like `tail`), since
 * "the last 50 records" is what a reviewer asks for; the result stays oldest first.
 */
export function applyQuery(records: Iterable<AuditRecord>, query: AuditQuery): AuditRecord[] {
  const matches = queryPredicate(query);
  const sorted = sortOldestFirst([...records].filter(matches));
  return query.limit !== undefined && sorted.length > query.limit ? sorted.slice(sorted.length - query.limit) : sorted;
}
