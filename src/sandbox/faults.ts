import type { ArmObject } from '../controls/types';
import { WardenError } from '../errors';
import { keyOf } from './estate';

export interface RequestSummary {
  method: string;
  /** URL path as sent (no query string). */
  path: string;
}
export type RequestMatcher = (request: RequestSummary) => boolean;
export type Latency = number | (() => number);

/** A fault that answers the request itself (the resource provider never sees it). */
export interface ReplyFault {
  kind: 'throttle' | 'server-error';
  remaining: number;
  status: number;
  retryAfterSeconds?: number;
  match?: RequestMatcher;
}

/** A fault that changes the estate just before a PATCH lands. */
export interface WriteFault {
  kind: 'delete-before-write' | 'mutate-before-write';
  /** Lower-cased id: fires on the next PATCH to it or to a document under it. */
  key: string;
  mutate?: (object: ArmObject) => void;
}

type Fault = ReplyFault | WriteFault;

const SERVER_ERROR_STATUSES = new Set([500, 502, 503, 504]);

function count(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new WardenError('INVALID_INPUT', `${name} must be a whole number of at least 1, got ${String(value)}`);
  return n;
}

function seconds(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0) throw new WardenError('INVALID_INPUT', `retryAfterSeconds must be zero or more, got ${String(value)}`);
  return value;
}

/**
 * Fault injection. Faults queue up and are consumed in order: a request takes the first queued fault
 * that applies to it. Bad options fail here, at the call, never mid-request.
 */
export class Faults {
  private queue: Fault[] = [];
  private latencySetting: Latency = 0;

  /** `baseLatency` (the sandbox's latencyMs option) survives clear(). */
  constructor(private readonly baseLatency: Latency = 0) {
    this.latency(baseLatency);
  }

  /** The next `times` matching requests get 429 TooManyRequests with Retry-After. */
  throttle(options: { times?: number; retryAfterSeconds?: number; match?: RequestMatcher } = {}): this {
    this.queue.push({
      kind: 'throttle',
      remaining: count('times', options.times, 1),
      status: 429,
      retryAfterSeconds: seconds(options.retryAfterSeconds) ?? 0,
      match: options.match,
    });
    return this;
  }

  /** The next `times` matching requests fail with a 5xx (500 by default). A retryAfterSeconds adds Retry-After. */
  serverError(options: { times?: number; status?: number; retryAfterSeconds?: number; match?: RequestMatcher } = {}): this {
    const status = options.status ?? 500;
    if (!SERVER_ERROR_STATUSES.has(status)) throw new WardenError('INVALID_INPUT', `serverError status must be 500, 502, 503 or 504, got ${status}`);
    this.queue.push({
      kind: 'server-error',
      remaining: count('times', options.times, 1),
      status,
      retryAfterSeconds: seconds(options.retryAfterSeconds),
      match: options.match,
    });
    return this;
  }

  /** Delay before every response: a number of ms, or a function returning one (for jitter). */
  latency(ms: Latency): this {
    if (typeof ms === 'number' && (!Number.isFinite(ms) || ms < 0)) throw new WardenError('INVALID_INPUT', `latency must be zero or more ms, got ${ms}`);
    this.latencySetting = ms;
    return this;
  }

  /** The resource vanishes between our read and our write: the next PATCH to it (or its documents) gets 404. */
  deleteBeforeWrite(id: string): this {
    this.queue.push({ kind: 'delete-before-write', key: keyOf(id) });
    return this;
  }

  /**
   * Another writer changes the stored object `id` just before our next PATCH to it (or to one of its
   * documents) lands, so a test can prove the PATCH merge keeps that change.
   */
  mutateBeforeWrite(id: string, mutate: (object: ArmObject) => void): this {
    this.queue.push({ kind: 'mutate-before-write', key: keyOf(id), mutate });
    return this;
  }

  /** Drops queued faults and restores the latency the sandbox was built with. */
  clear(): void {
    this.queue = [];
    this.latencySetting = this.baseLatency;
  }

  /** Faults not yet consumed. */
  get pending(): number {
    return this.queue.length;
  }

  /** @internal the delay for this request, in ms. */
  delayMs(): number {
    const value = typeof this.latencySetting === 'function' ? this.latencySetting() : this.latencySetting;
    return Number.isFinite(value) && value > 0 ? value : 0;
  }

  /** @internal the first queued reply fault that applies to the request; consumes one use. */
  takeReply(request: RequestSummary): ReplyFault | undefined {
    if (this.queue.length === 0) return undefined;
    const index = this.queue.findIndex((f) => (f.kind === 'throttle' || f.kind === 'server-error') && (!f.match || f.match(request)));
    if (index < 0) return undefined;
    const fault = this.queue[index] as ReplyFault;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.queue.splice(index, 1);
    return fault;
  }

  /** @internal write faults that fire for a PATCH to `key`, in queue order; consumes them. */
  takeWrites(key: string): WriteFault[] {
    if (this.queue.length === 0) return [];
    const fired: WriteFault[] = [];
    this.queue = this.queue.filter((f) => {
      if ((f.kind === 'delete-before-write' || f.kind === 'mutate-before-write') && (key === f.key || key.startsWith(`${f.key}/`))) {
        fired.push(f);
        return false;
      }
      return true;
    });
    return fired;
  }
}
