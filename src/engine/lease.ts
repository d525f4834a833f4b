import type { Logger } from 'pino';
import { WardenError, describeError } from '../errors';
import type { LeaseStore } from './ports';

/**
 * A minute: long enough that a slow Table round trip or a GC pause never loses a live holder its
 * lease (it is renewed every third of it), short enough that a holder killed mid-write blocks the
 * resource for at most a minute — Event Grid's retries (10 s, 30 s, 1 min, 5 min, …) and a queue
 * message's next visibility come back later than that. The lease is renewed for as long as the
 * evaluation runs, so a long-running write (Cosmos DB, SQL's settle of up to 10 minutes, a server
 * restart) keeps it without the TTL having to cover the longest write.
 */
export const DEFAULT_LEASE_TTL_MS = 60_000;

export interface HeldLease {
  /**
   * The fence before a write or a restart: renews the lease now and throws LEASE_LOST unless it is
   * still this holder's. Nothing may be sent after it throws.
   */
  confirm(): Promise<void>;
  /** Stops renewing and gives the lease up; never throws (an unreleased lease just expires). */
  release(): Promise<void>;
}

export interface HoldOptions {
  ttlMs: number;
  /** How often the lease is renewed while held (default a third of the TTL). */
  renewEveryMs?: number;
  logger?: Logger;
}

/**
 * Takes the lease on `key`, or throws LEASE_BUSY (transient: the event or queue message is retried
 * later, and by then the holder has recorded its outcome). Renewals run on a timer and one at a
 * time (each is conditional on the ETag of the one before).
 */
export async function holdLease(store: LeaseStore, key: string, holder: string, options: HoldOptions): Promise<HeldLease> {
  const lease = await store.tryAcquire(key, holder, options.ttlMs);
  if (!lease) {
    throw new WardenError('LEASE_BUSY', `another evaluation of ${key} holds its lease (a concurrent delivery, or one that died less than ${Math.round(options.ttlMs / 1000)} s ago); retry later`, { key });
  }
  let lost = false;
  let chain: Promise<boolean> = Promise.resolve(true);
  const renew = (): Promise<boolean> => {
    chain = chain.then(async () => {
      if (lost) return false;
      try {
        if (!(await lease.renew())) lost = true;
      } catch (err) {
        // The store is unreachable: the lease may still be ours, and the next renewal may get through.
        options.logger?.warn({ key, err: describeError(err) }, 'could not renew the lease; retrying at the next renewal');
        throw err;
      }
      return !lost;
    }).catch(() => false);
    return chain;
  };
  const timer = setInterval(() => void renew(), options.renewEveryMs ?? Math.max(1, Math.floor(options.ttlMs / 3)));
  timer.unref();
  return {
    async confirm() {
      if (!(await renew())) {
        throw new WardenError('LEASE_LOST', `the lease on ${key} could not be confirmed (it expired and another evaluation took it, or the lease store failed): nothing more is written by this evaluation`, { key });
      }
    },
    async release() {
      clearInterval(timer);
      await chain;
      if (lost) return;
      lost = true;
      try {
        await lease.release();
      } catch (err) {
        options.logger?.warn({ key, err: describeError(err) }, 'could not release the lease; it expires by itself');
      }
    },
  };
}
