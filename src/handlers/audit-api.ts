import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { MAX_QUERY_LIMIT, parseAuditQuery } from '../audit/query';
import type { AuditQuery, AuditStore } from '../audit/store';
import { describeError, isWardenError } from '../errors';

/** What the audit API needs from the runtime. */
export interface AuditApiRuntime {
  audit: AuditStore;
}

type RuntimeRef = AuditApiRuntime | (() => AuditApiRuntime);
const resolve = (runtime: RuntimeRef): AuditApiRuntime => (typeof runtime === 'function' ? runtime() : runtime);

/**
 * The Functions host checks the function key for authLevel 'function' before this handler runs, and
 * passes the key on as the `code` query parameter when a caller puts it there; the handler drops it
 * rather than rejecting it as an unknown filter.
 */
const HOST_PARAMETERS: ReadonlySet<string> = new Set(['code']);

const JSON_HEADERS = { 'cache-control': 'no-store' };

function errorResponse(status: number, code: string, message: string, extraHeaders: Record<string, string> = {}): HttpResponseInit {
  return { status, headers: { ...JSON_HEADERS, ...extraHeaders }, jsonBody: { error: { code, message } } };
}

/**
 * `GET /api/audit?resource=&resourceId=&control=&outcome=&since=&until=&limit=` → `{records:[...]}`,
 * oldest first. Without `limit` at most the newest 10,000 records are returned, so one request cannot
 * make the instance read an unbounded answer into memory.
 */
export type AuditApiHandler = (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>;

export function auditApi(runtime: RuntimeRef): AuditApiHandler {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    if (request.method !== 'GET') {
      return errorResponse(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed; use GET`, { allow: 'GET' });
    }
    const params: Record<string, string> = {};
    for (const [name, value] of request.query.entries()) {
      if (HOST_PARAMETERS.has(name)) continue;
      if (name in params) return errorResponse(400, 'INVALID_INPUT', `query parameter ${JSON.stringify(name)} is given more than once`);
      params[name] = value;
    }

    let query: AuditQuery;
    try {
      query = parseAuditQuery(params);
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
