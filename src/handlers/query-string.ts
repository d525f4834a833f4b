import { parseAuditQuery } from '../audit/query';
import type { AuditQuery } from '../audit/store';
import { WardenError } from '../errors';

/**
 * Query-string names the Functions host itself reads: `code` carries the function key when a caller
 * puts it in the URL (authLevel 'function'; the host checks it before a handler runs). They are not
 * audit filters, so they are dropped rather than refused as unknown, and never reach a response.
 */
const HOST_PARAMETERS: ReadonlySet<string> = new Set(['code']);

/**
 * The audit filters of an HTTP query string, with the same rules for GET /api/audit and GET
 * /api/review: host parameters dropped, a repeated parameter refused (which of `?outcome=fixed&outcome=failed`
 * would the caller mean?), then `parseAuditQuery`, which refuses unknown names and bad values.
 * Throws WardenError('INVALID_INPUT') naming the parameter; the handlers answer it with 400.
 */
export function auditQueryFromSearch(search: URLSearchParams): AuditQuery {
  // A Map, not `name in {}`: `?constructor=` or `?__proto__=` must reach parseAuditQuery as unknown names.
  const params = new Map<string, string>();
  for (const [name, value] of search) {
    if (HOST_PARAMETERS.has(name)) continue;
    if (params.has(name)) {
      throw new WardenError('INVALID_INPUT', `query parameter ${JSON.stringify(name)} is given more than once`, { parameter: name });
    }
    params.set(name, value);
  }
  return parseAuditQuery(Object.fromEntries(params));
}
