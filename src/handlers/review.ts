import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { AuditQuery, AuditStore } from '../audit/store';
import type { Clock } from '../engine/ports';
import { describeError, isWardenError } from '../errors';
import { REVIEW_PAGE_CSP_HEADER } from '../report/html';
import { buildReviewReport, describeQuery, type ReviewReport } from '../report/review-report';
import { auditQueryFromSearch } from './query-string';

export interface ReviewRuntime {
  audit: AuditStore;
  clock?: Clock;
}

export type HttpFunctionHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

/** Without `since`, the page covers this many days back from now. */
export const DEFAULT_REVIEW_DAYS = 30;

/** Headers on every answer: the page (or error text) is never sniffed, cached, framed or referred on. */
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
} as const;

function textResponse(status: number, body: string, extraHeaders: Record<string, string> = {}): HttpResponseInit {
  return { status, body, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extraHeaders } };
}

/** Filters as the JSON API reads them (same parser, same refusals), plus the default 30-day window. */
export function reviewQuery(request: HttpRequest, now: Date): AuditQuery {
  const query = auditQueryFromSearch(request.query);
  if (query.since === undefined) {
    const since = new Date(now.getTime() - DEFAULT_REVIEW_DAYS * 86_400_000);
    // An explicit `until` earlier than the default window start still means "the 30 days before until".
    const end = query.until === undefined ? now : new Date(query.until);
    query.since = new Date(Math.min(since.getTime(), end.getTime() - DEFAULT_REVIEW_DAYS * 86_400_000)).toISOString();
  }
  return query;
}

/**
 * GET /api/review: the review page for the audit records matching the query string (since, until,
 * resource, resourceId, control, outcome, limit — read by the same `auditQueryFromSearch` as
 * GET /api/audit, values parsed as the CLI parses them; the last 30 days by default). 400 with a plain-text reason for a bad, unknown or
 * repeated parameter, 503 when the store cannot be read (details only in the log).
 *
 * Who may see it is decided before this runs: by the function key (authLevel 'function', key in
 * `x-functions-key` or `?code=`, which is dropped here), and/or by App Service Authentication in front
 * of the app (see functions/review.ts). The page and every error carry no-store, nosniff,
 * no-referrer and DENY framing, so the key in a URL is neither cached nor sent on.
 */
export function reviewPage(runtime: ReviewRuntime | (() => ReviewRuntime)): HttpFunctionHandler {
  return async (request, context) => {
    if (request.method !== 'GET') return textResponse(405, 'only GET is supported\n', { Allow: 'GET' });
    const { audit, clock } = typeof runtime === 'function' ? runtime() : runtime;
    const now = clock?.now() ?? new Date();
    let query: AuditQuery;
    try {
      query = reviewQuery(request, now);
    } catch (err) {
      if (isWardenError(err, 'INVALID_INPUT')) return textResponse(400, `${err.message}\n`);
      throw err;
    }
    let report: ReviewReport;
    try {
      report = await buildReviewReport(audit, query, { now });
    } catch (err) {
      // The details go to the log, not to the browser.
      context.error(`review page: could not build the page from the audit store: ${describeError(err)}`);
      return textResponse(503, 'the audit store could not be read; see the function log\n');
    }
    context.log(`review page: ${report.recordCount} record(s), ${describeQuery(query)}`);
    return {
      status: 200,
      body: report.html,
      headers: { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': REVIEW_PAGE_CSP_HEADER },
    };
  };
}
