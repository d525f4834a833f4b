import { redactSecrets } from './redact';

/**
 * Every error transit-warden raises on purpose carries a stable `code`, so callers (the CLI exit
 * status, the HTTP API's 400s, audit reasons) can branch on it without parsing messages.
 */
export type ErrorCode =
  | 'INVALID_RESOURCE_ID'
  | 'UNSUPPORTED_RESOURCE_TYPE'
  | 'INVALID_INPUT'
  | 'INVALID_CONFIG'
  | 'RESOURCE_NOT_FOUND'
  | 'ARM_REQUEST_FAILED'
  | 'THROTTLED'
  | 'WRITE_UNCONFIRMED'
  | 'AUDIT_STORE_FAILED'
  // Another instance is evaluating the resource (its lease is held): retry later.
  | 'LEASE_BUSY'
  // This instance's lease on the resource expired and was taken over: it must not write.
  | 'LEASE_LOST'
  // The lease or intent store (shared storage) failed.
  | 'COORDINATION_FAILED'
  | 'UNDO_REFUSED'
  | 'SWEEP_INCOMPLETE'
  // The subscriptions under an allowed management group could not be resolved: retry later.
  | 'SCOPE_UNRESOLVED'
  | 'NOT_IMPLEMENTED';

export class WardenError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    // Messages quote what was wrong (ids, values, other errors' text), and they reach the CLI's
    // stderr, HTTP 400 bodies, logs and audit reasons: a credential in them is masked here, once.
    super(redactSecrets(message), options);
    this.name = 'WardenError';
    this.code = code;
    this.details = details;
  }
}

export function isWardenError(err: unknown, code?: ErrorCode): err is WardenError {
  return err instanceof WardenError && (code === undefined || err.code === code);
}

/**
 * An ARM failure that a later attempt may not meet: throttling (429), a server error (5xx), a
 * timeout (408), no answer at all, or 412 — an If-Match that names an ETag the resource no longer
 * has: it changed since it was read, and the retry reads it again before it decides. Errors that
 * would repeat (403, 400, a missing resource) are not.
 */
export function isTransientArmError(err: unknown): boolean {
  if (isWardenError(err, 'THROTTLED')) return true;
  if (!isWardenError(err, 'ARM_REQUEST_FAILED') || !err.details || !('status' in err.details)) return false;
  const status = err.details.status;
  return status === undefined || status === 408 || status === 412 || (typeof status === 'number' && status >= 500);
}

/**
 * A message for an unknown thrown value, never `[object Object]`, with credentials masked: SDK and
 * Node errors are not WardenErrors, and their text may quote a URL with a SAS or a request header.
 */
export function describeError(err: unknown): string {
  return redactSecrets(rawMessage(err));
}

function rawMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
