import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { MAX_QUERY_LIMIT } from '../audit/query';
import type { AuditQuery, AuditStore } from '../audit/store';
import { describeError, isWardenError } from '../errors';
import { auditQueryFromSearch } from './query-string';

/** What the audit API needs from the runtime. */
export interface AuditApiRuntime {
  audit: AuditStore;
}

type RuntimeRef = AuditApiRuntime | (() => AuditApiRuntime);
const resolve = (runtime: RuntimeRef): AuditApiRuntime => (typeof runtime === 'function' ? runtime() : runtime);

const JSON_HEADERS = { 'cache-control': 'no-store' };

function errorResponse(status: number, code: string, message: string, extraHeaders: Record<string, string> = {}): HttpResponseInit {
  return { status, headers: { ...JSON_HEADERS, ...extraHeaders }, jsonBody: { error: { code, message } } };
}

/**
 * `GET /api/audit?resource=&resourceId=&control=&outcome=&since=&until=&limit=` → `{records:[...]}`,
 * oldest first; 400 `{error:{code,message}}` for a bad, unknown or repeated parameter (`?code=`, the
 * function key, is dropped). Without `limit` at most the newest 10,000 records are returned, so one
 * request cannot make the instance read an unbounded answer into memory.
 */
export type AuditApiHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

export function auditApi(runtime: RuntimeRef): AuditApiHandler {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    if (request.method !== 'GET') {
      return errorResponse(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed; use GET`, { allow: 'GET' });
    }
    let query: AuditQuery;
    try {
      query = auditQueryFromSearch(request.query);
    } catch (err) {
      if (isWardenError(err, 'INVALID_INPUT')) return errorResponse(400, err.code, err.message);
      throw err;
    }

    try {
      const records = await resolve(runtime).audit.query({ ...query, limit: query.limit ?? MAX_QUERY_LIMIT });
      return { status: 200, headers: JSON_HEADERS, jsonBody: { records } };
    } catch (err) {
      // Store errors can name accounts, tables or paths: they go to the log, not to the caller.
      context.error(`audit API: query failed (invocation ${context.invocationId}): ${describeError(err)}`);
      return errorResponse(500, 'AUDIT_STORE_FAILED', `the audit store could not be read; see the function logs for invocation ${context.invocationId}`);
    }
  };
}
