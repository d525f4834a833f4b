import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { WardenError } from '../errors';

/**
 * Paces ARM requests on ARM's own throttling headers so a sweep spends its token buckets without
 * earning 429s ("Understand how Azure Resource Manager throttles requests": per identity ×
 * subscription, reads 250 refilling 25/s, writes 200 refilling 10/s; a read's answer carries
 * `x-ms-ratelimit-remaining-subscription-reads`, a write's `...-writes`).
 *
 * One pacer per process (sharedArmPacer) sees every ARM SDK client's requests through the policy
 * sdkOptions adds. Per subscription (taken from the request URL) and kind (GET/HEAD reads;
 * PUT/PATCH/POST writes) it keeps an estimate of the bucket: the last remaining count ARM reported,
 * minus the requests sent since that ARM has not yet answered, plus the refill since. While the
 * estimate stays above `reserve`, requests go straight through; below it, each request waits until
 * enough tokens would have refilled, so the subscription is used at its refill rate instead of
 * being refused. Before any header is seen nothing is delayed (the bucket is unknown, and Azure
 * starts full).
 *
 * 429s: the SDK pipeline's default retry policy already retries a 429 with Retry-After (three
 * times by default). This policy sits after it (`perRetry`), so it never retries by itself; it
 * notes the Retry-After and holds every request of that subscription and kind — the retry
 * included — until it has passed. The refill rate is not in any header: it is an option (Azure's
 * by default; a sandbox with a timeScale refills faster, see ArmSandbox's quotas.wallRefillPerSecond()).
 *
 * Memory: one small entry per endpoint × subscription × kind, at most `maxEntries` (least recently
 * used idle entries are dropped; an entry idle long enough is a full bucket anyway).
 */
/** The abort signal a pipeline request carries. */
type Signal = NonNullable<PipelineRequest['abortSignal']>;

export interface ArmPacingOptions {
  /** Tokens per second each bucket refills (default Azure's: reads 25, writes 10). */
  refillPerSecond?: { reads?: number; writes?: number };
  /** Tokens to leave in each bucket for other callers and estimate error (default 10). */
  reserve?: number;
  /** Buckets tracked at most (default 1,000). */
  maxEntries?: number;
  /** Upper bound on one wait (default 60 s). */
  maxWaitMs?: number;
  /** Clock and sleep, injectable for tests. */
  now?: () => number;
  sleep?: (ms: number, signal?: Signal) => Promise<void>;
}

export type PacedKind = 'reads' | 'writes';

export interface ArmPacingStats {
  /** Requests that went through the policy. */
  requests: number;
  /** Requests held back before sending. */
  delayed: number;
  /** Total time requests were held back, ms. */
  delayedMs: number;
  /** 429 answers seen (each retried by the SDK's retry policy, not by this one). */
  throttled: number;
}

export const ARM_PACING_POLICY_NAME = 'transit-warden-arm-pacing';
export const AZURE_REFILL_PER_SECOND = { reads: 25, writes: 10 } as const;
const REMAINING_HEADER: Record<PacedKind, string> = {
  reads: 'x-ms-ratelimit-remaining-subscription-reads',
  writes: 'x-ms-ratelimit-remaining-subscription-writes',
};

interface Bucket {
  /** Estimated tokens ARM holds for us, minus those our unanswered requests will take. */
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
  /** The most ARM ever reported, plus one: the bucket's size as far as we know it. */
  ceiling: number;
  /** Requests admitted and not yet answered. */
  pending: number;
  /** No request before this (a Retry-After), ms. */
  blockedUntil: number;
  /** Whether ARM has reported this bucket yet. */
  known: boolean;
}

function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

function realSleep(ms: number, signal?: Signal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort);
  });
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new WardenError('INVALID_CONFIG', `${name} must be a number above 0, got ${String(value)}`);
  return value;
}

/** Retry-After: seconds (a fraction allowed), or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The subscription a request addresses (lower-cased), or undefined for tenant-level requests. */
export function subscriptionOf(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = /^\/subscriptions\/([^/?#]+)/i.exec(pathname);
  return match ? decodeURIComponent(match[1]).toLowerCase() : undefined;
}

export function pacedKind(method: string): PacedKind | undefined {
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
      return 'reads';
    case 'PUT':
    case 'PATCH':
    case 'POST':
      return 'writes';
    default:
      return undefined;
  }
}

export class ArmPacer {
  private readonly refill: Record<PacedKind, number>;
  private readonly reserve: number;
  private readonly maxEntries: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: Signal) => Promise<void>;
  private readonly buckets = new Map<string, Bucket>();
  private readonly tally: ArmPacingStats = { requests: 0, delayed: 0, delayedMs: 0, throttled: 0 };
  private readonly pacingPolicy: PipelinePolicy;

  constructor(options: ArmPacingOptions = {}) {
    this.refill = {
      reads: positive('refillPerSecond.reads', options.refillPerSecond?.reads ?? AZURE_REFILL_PER_SECOND.reads),
      writes: positive('refillPerSecond.writes', options.refillPerSecond?.writes ?? AZURE_REFILL_PER_SECOND.writes),
    };
    const reserve = options.reserve ?? 10;
    if (!Number.isInteger(reserve) || reserve < 0) throw new WardenError('INVALID_CONFIG', `reserve must be a whole number of 0 or more, got ${reserve}`);
    this.reserve = reserve;
    const maxEntries = options.maxEntries ?? 1000;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new WardenError('INVALID_CONFIG', `maxEntries must be a whole number of at least 1, got ${maxEntries}`);
    this.maxEntries = maxEntries;
    this.maxWaitMs = positive('maxWaitMs', options.maxWaitMs ?? 60_000);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.pacingPolicy = { name: ARM_PACING_POLICY_NAME, sendRequest: (request, next) => this.send(request, next) };
  }

  /** The pipeline policy; add it `perRetry` (after the retry policy) so it sees every attempt. */
  get policy(): PipelinePolicy {
    return this.pacingPolicy;
  }

  stats(): ArmPacingStats {
    return { ...this.tally };
  }

  /** Buckets currently tracked (bounded by maxEntries). */
  get tracked(): number {
    return this.buckets.size;
  }

  private async send(request: PipelineRequest, next: (request: PipelineRequest) => Promise<PipelineResponse>): Promise<PipelineResponse> {
    const kind = pacedKind(request.method);
    const subscription = kind ? subscriptionOf(request.url) : undefined;
    if (!kind || subscription === undefined) return next(request);
    this.tally.requests += 1;
    const bucket = this.bucket(`${new URL(request.url).origin}|${subscription}|${kind}`);
    const wait = this.reserveToken(bucket, kind);
    bucket.pending += 1;
    let response: PipelineResponse | undefined;
    try {
      if (wait > 0) {
        this.tally.delayed += 1;
        this.tally.delayedMs += wait;
        await this.sleep(wait, request.abortSignal);
      }
      response = await next(request);
      return response;
    } finally {
      bucket.pending -= 1;
      if (response) this.observe(bucket, kind, response);
      else if (bucket.known) bucket.tokens += 1; // never sent (aborted) or no answer: give the token back
    }
  }

  /** Takes one token from the estimate; returns how long to wait for it (0 while above the reserve). */
  private reserveToken(bucket: Bucket, kind: PacedKind): number {
    const now = this.now();
    this.refillTo(bucket, kind, now);
    // A bucket never sized by a header is not estimated; only a 429's Retry-After holds it.
    if (!bucket.known) return Math.min(this.maxWaitMs, Math.max(0, bucket.blockedUntil - now));
    bucket.tokens -= 1;
    const short = this.reserve - bucket.tokens;
    const forTokens = short > 0 ? (short / this.refill[kind]) * 1000 : 0;
    return Math.min(this.maxWaitMs, Math.max(forTokens, bucket.blockedUntil - now, 0));
  }

  private refillTo(bucket: Bucket, kind: PacedKind, now: number): void {
    if (bucket.known && now > bucket.at) {
      bucket.tokens = Math.min(bucket.ceiling - bucket.pending, bucket.tokens + ((now - bucket.at) / 1000) * this.refill[kind]);
      bucket.at = now;
    }
  }

  private observe(bucket: Bucket, kind: PacedKind, response: PipelineResponse): void {
    const now = this.now();
    const remainingText = response.headers.get(REMAINING_HEADER[kind]);
    const remaining = remainingText === undefined ? NaN : Number(remainingText);
    if (Number.isFinite(remaining) && remaining >= 0) {
      bucket.known = true;
      bucket.ceiling = Math.max(bucket.ceiling, remaining + 1);
      // ARM's count after this request, less what our other unanswered requests will take.
      bucket.tokens = remaining - bucket.pending;
      bucket.at = now;
    }
    if (response.status === 429) {
      this.tally.throttled += 1;
      // Only a bucket whose size a header told is estimated from here: a 429 alone says nothing of
      // its size, and guessing one would pace every later request at the refill rate for good.
      if (bucket.known) {
        this.refillTo(bucket, kind, now);
        bucket.tokens = Math.min(bucket.tokens, -bucket.pending);
      }
      const wait = retryAfterMs(response.headers.get('retry-after'), now);
      if (wait !== undefined) bucket.blockedUntil = Math.max(bucket.blockedUntil, now + Math.min(wait, this.maxWaitMs));
    }
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket) {
      // Most recently used last, so the first idle entry is the one to drop.
      this.buckets.delete(key);
      this.buckets.set(key, bucket);
      return bucket;
    }
    if (this.buckets.size >= this.maxEntries) {
      for (const [k, b] of this.buckets) {
        if (b.pending === 0) {
          this.buckets.delete(k);
          if (this.buckets.size < this.maxEntries) break;
        }
      }
    }
    bucket = { tokens: 0, at: this.now(), ceiling: 0, pending: 0, blockedUntil: 0, known: false };
    this.buckets.set(key, bucket);
    return bucket;
  }
}

let shared: ArmPacer | undefined;

/** The process's pacer, which every ARM SDK client built through sdkOptions shares. */
export function sharedArmPacer(): ArmPacer {
  shared ??= new ArmPacer();
  return shared;
}

/** Replaces the process's pacer (a host that knows its refill rates; tests). Clients built before keep the old one. */
export function configureArmPacing(options: ArmPacingOptions): ArmPacer {
  shared = new ArmPacer(options);
  return shared;
}

/** The `additionalPolicies` entry an ARM SDK client needs to be paced. */
export function armPacingPolicies(pacer: ArmPacer = sharedArmPacer()): { policy: PipelinePolicy; position: 'perRetry' }[] {
  return [{ policy: pacer.policy, position: 'perRetry' }];
}
