import { WardenError } from '../errors';
import { armError, type SandboxReply } from './arm-errors';

/**
 * Azure's request quotas, for the sandbox (off unless ArmSandbox is given `quotas`):
 *
 * - Resource Graph: a fixed window per identity (15 queries per 5 s by default, "Guidance for
 *   throttled requests in Azure Resource Graph"). Every Graph answer carries
 *   `x-ms-user-quota-remaining` and `x-ms-user-quota-resets-after` (hh:mm:ss); over quota it is a
 *   429 with code RateLimiting, those headers and Retry-After. Graph has its own limit: its queries
 *   (tenant-level POSTs to /providers/Microsoft.ResourceGraph) never draw on ARM's buckets.
 * - ARM: token buckets per identity × subscription ("Understand how Azure Resource Manager
 *   throttles requests", the 2024 regional token-bucket limits): reads 250 refilling 25/s, writes
 *   200 refilling 10/s. A read's answer carries `x-ms-ratelimit-remaining-subscription-reads`, a
 *   write's `x-ms-ratelimit-remaining-subscription-writes` (as Azure documents: each request reports
 *   the bucket it drew on); an empty bucket answers 429 TooManyRequests with Retry-After in seconds.
 *   GET/HEAD are reads (operation polls included), PUT/PATCH/POST writes; DELETE and tenant-level
 *   requests are not metered.
 *
 * Time: the quotas run on "Azure time" = wall time since the sandbox started × `timeScale`, so with
 * timeScale 100 a 5 s Graph window lasts 50 ms and a read bucket refills 2,500 tokens per wall
 * second. Every header reports WALL time (Retry-After, resets-after): a client that waits what the
 * headers say waits the right wall time at any scale. A client that paces on the refill rate (which
 * no header carries) must use the wall rate, `wallRefillPerSecond()`.
 * Retry-After is whole seconds (rounded up) at timeScale 1, as Azure sends it; at other scales it
 * carries milliseconds as a decimal (`0.04`), which core-rest-pipeline and parseRetryAfter read.
 */
export interface TokenBucketSetting {
  capacity: number;
  refillPerSecond: number;
}

export interface QuotaOptions {
  /** Azure seconds per wall second (default 1); > 1 runs the windows and refills faster. */
  timeScale?: number;
  /** Wall clock in ms (default Date.now), injectable for tests. */
  now?: () => number;
  /** Resource Graph's per-identity window (default 15 per 5,000 ms); false turns it off. */
  graph?: { limit: number; windowMs: number } | false;
  /** ARM's per identity × subscription buckets (default reads 250 @ 25/s, writes 200 @ 10/s); false turns them off. */
  arm?: { reads?: TokenBucketSetting; writes?: TokenBucketSetting } | false;
}

export type QuotaKind = 'graph' | 'reads' | 'writes';

export interface QuotaCounts {
  /** Requests metered against the quota, admitted or not. */
  requests: number;
  /** Requests answered 429 by the quota. */
  throttled: number;
}

export type QuotaCountsByKind = Record<QuotaKind, QuotaCounts>;

export const GRAPH_DEFAULT = { limit: 15, windowMs: 5000 } as const;
export const ARM_READS_DEFAULT: TokenBucketSetting = { capacity: 250, refillPerSecond: 25 };
export const ARM_WRITES_DEFAULT: TokenBucketSetting = { capacity: 200, refillPerSecond: 10 };

export const GRAPH_QUOTA_CODE = 'RateLimiting';
export const ARM_THROTTLED_CODE = 'TooManyRequests';
export const HEADER = {
  graphRemaining: 'x-ms-user-quota-remaining',
  graphResetsAfter: 'x-ms-user-quota-resets-after',
  reads: 'x-ms-ratelimit-remaining-subscription-reads',
  writes: 'x-ms-ratelimit-remaining-subscription-writes',
  retryAfter: 'retry-after',
} as const;

/** Beyond this many identities or identity × subscription pairs, idle state is dropped (it is full again by then). */
const MAX_ENTRIES = 10_000;

/** What the sandbox's dispatch hook gets back: headers for the answer, and the 429 when refused. */
export interface Admission {
  headers: Record<string, string>;
  refused?: SandboxReply & { kind?: 'read'; resourceType?: string };
}

export interface MeteredRequest {
  method: string;
  /** The path's decoded segments. */
  segments: readonly string[];
  /** The caller's principal (from the bearer token). */
  principal: string;
}

interface Window {
  start: number;
  used: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new WardenError('INVALID_INPUT', `${name} must be a number above 0, got ${String(value)}`);
  return value;
}

function wholeCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new WardenError('INVALID_INPUT', `${name} must be a whole number of at least 1, got ${String(value)}`);
  return value;
}

function bucketSetting(name: string, setting: TokenBucketSetting | undefined, fallback: TokenBucketSetting): TokenBucketSetting {
  const s = setting ?? fallback;
  return { capacity: wholeCount(`${name}.capacity`, s.capacity), refillPerSecond: positive(`${name}.refillPerSecond`, s.refillPerSecond) };
}

/** A duration as Graph spells it, `hh:mm:ss` (seconds with a fraction when not whole; always rounded up to the ms). */
export function formatResetsAfter(ms: number): string {
  const total = Math.max(0, Math.ceil(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const millis = total % 60_000;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const seconds = millis % 1000 === 0 ? pad(millis / 1000) : `${pad(Math.floor(millis / 1000))}.${String(millis % 1000).padStart(3, '0')}`;
  return `${pad(hours)}:${pad(minutes)}:${seconds}`;
}

/** The per-identity Graph window and the per identity × subscription ARM buckets of one sandbox. */
export class Quotas {
  private readonly timeScale: number;
  private readonly now: () => number;
  private readonly origin: number;
  private readonly graph: { limit: number; windowMs: number } | undefined;
  private readonly buckets: { reads: TokenBucketSetting; writes: TokenBucketSetting } | undefined;
  private readonly windows = new Map<string, Window>();
  private readonly bucketState = new Map<string, Bucket>();
  private tally: QuotaCountsByKind = emptyCounts();

  constructor(options: QuotaOptions = {}) {
    this.timeScale = positive('quotas.timeScale', options.timeScale ?? 1);
    this.now = options.now ?? Date.now;
    this.origin = this.now();
    if (options.graph !== false) {
      const graph = options.graph ?? GRAPH_DEFAULT;
      this.graph = { limit: wholeCount('quotas.graph.limit', graph.limit), windowMs: positive('quotas.graph.windowMs', graph.windowMs) };
    }
    if (options.arm !== false) {
      this.buckets = {
        reads: bucketSetting('quotas.arm.reads', options.arm?.reads, ARM_READS_DEFAULT),
        writes: bucketSetting('quotas.arm.writes', options.arm?.writes, ARM_WRITES_DEFAULT),
      };
    }
  }

  /** Requests and 429s per quota, for tests and benchmarks. */
  counts(): QuotaCountsByKind {
    return { graph: { ...this.tally.graph }, reads: { ...this.tally.reads }, writes: { ...this.tally.writes } };
  }

  resetCounts(): void {
    this.tally = emptyCounts();
  }

  /** The buckets' refill in tokens per WALL second (the Azure rate × timeScale): what a pacing client must assume. */
  wallRefillPerSecond(): { reads: number; writes: number } | undefined {
    if (!this.buckets) return undefined;
    return { reads: this.buckets.reads.refillPerSecond * this.timeScale, writes: this.buckets.writes.refillPerSecond * this.timeScale };
  }

  /** @internal the sandbox's dispatch hook: meters the request, and refuses it with a 429 when over quota. */
  admit(request: MeteredRequest): Admission | undefined {
    const first = request.segments[0]?.toLowerCase();
    if (first === 'providers' && request.segments[1]?.toLowerCase() === 'microsoft.resourcegraph') {
      return this.graph ? this.admitGraph(request.principal, this.graph) : undefined;
    }
    if (!this.buckets || first !== 'subscriptions' || request.segments.length < 2) return undefined;
    const kind = bucketKind(request.method);
    if (!kind) return undefined;
    return this.admitArm(kind, `${kind}\n${request.principal}\n${request.segments[1].toLowerCase()}`, this.buckets[kind]);
  }

  /** Azure time in ms since the sandbox started. */
  private azureNow(): number {
    return (this.now() - this.origin) * this.timeScale;
  }

  private toWallMs(azureMs: number): number {
    return azureMs / this.timeScale;
  }

  private retryAfter(wallMs: number): string {
    if (this.timeScale === 1) return String(Math.max(1, Math.ceil(wallMs / 1000)));
    return String(Math.max(0.001, Math.ceil(wallMs) / 1000));
  }

  private admitGraph(principal: string, graph: { limit: number; windowMs: number }): Admission {
    const now = this.azureNow();
    let window = this.windows.get(principal);
    if (!window || now >= window.start + graph.windowMs) {
      window = { start: now, used: 0 };
      this.remember(this.windows, principal, window, (w) => now >= w.start + graph.windowMs);
    }
    const resetsAfterWallMs = this.toWallMs(window.start + graph.windowMs - now);
    this.tally.graph.requests += 1;
    const admitted = window.used < graph.limit;
    if (admitted) window.used += 1;
    const headers: Record<string, string> = {
      [HEADER.graphRemaining]: String(graph.limit - window.used),
      [HEADER.graphResetsAfter]: formatResetsAfter(resetsAfterWallMs),
    };
    if (admitted) return { headers };
    this.tally.graph.throttled += 1;
    const refusal = { ...headers, [HEADER.retryAfter]: this.retryAfter(resetsAfterWallMs) };
    return {
      headers: refusal,
      refused: {
        ...armError(429, GRAPH_QUOTA_CODE, `Client application has been throttled and should not attempt to repeat the request until the quota resets (${graph.limit} queries per ${this.toWallMs(graph.windowMs)} ms per user).`, refusal),
        kind: 'read',
        resourceType: 'Microsoft.ResourceGraph/resources',
      },
    };
  }

  private admitArm(kind: 'reads' | 'writes', key: string, setting: TokenBucketSetting): Admission {
    const now = this.azureNow();
    let bucket = this.bucketState.get(key);
    if (!bucket) {
      bucket = { tokens: setting.capacity, at: now };
      this.remember(this.bucketState, key, bucket, (b) => b.tokens + ((now - b.at) / 1000) * setting.refillPerSecond >= setting.capacity);
    }
    bucket.tokens = Math.min(setting.capacity, bucket.tokens + ((now - bucket.at) / 1000) * setting.refillPerSecond);
    bucket.at = now;
    this.tally[kind].requests += 1;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { headers: { [HEADER[kind]]: String(Math.floor(bucket.tokens)) } };
    }
    this.tally[kind].throttled += 1;
    const waitWallMs = this.toWallMs(((1 - bucket.tokens) / setting.refillPerSecond) * 1000);
    const headers = { [HEADER[kind]]: '0', [HEADER.retryAfter]: this.retryAfter(waitWallMs) };
    const operation = kind === 'reads' ? 'read' : 'write';
    return {
      headers,
      refused: armError(
        429,
        ARM_THROTTLED_CODE,
        `Number of '${operation}' requests for subscription actor exceeded. Please try again after '${headers[HEADER.retryAfter]}' seconds after additional tokens are available.`,
        headers,
      ),
    };
  }

  /** Adds state, first dropping entries that carry nothing any more when the map is full. */
  private remember<T>(map: Map<string, T>, key: string, value: T, idle: (value: T) => boolean): void {
    if (map.size >= MAX_ENTRIES) {
      for (const [k, v] of map) if (idle(v)) map.delete(k);
      // Still full (every entry busy): drop the oldest, which is what Azure forgets first too.
      while (map.size >= MAX_ENTRIES) {
        const oldest = map.keys().next();
        if (oldest.done) break;
        map.delete(oldest.value);
      }
    }
    map.set(key, value);
  }
}

function bucketKind(method: string): 'reads' | 'writes' | undefined {
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

function emptyCounts(): QuotaCountsByKind {
  return { graph: { requests: 0, throttled: 0 }, reads: { requests: 0, throttled: 0 }, writes: { requests: 0, throttled: 0 } };
}
