import type { TokenCredential } from '@azure/core-auth';
import type { InvocationContext, Timer } from '@azure/functions';
import * as functions from '@azure/functions';
import type { Logger } from 'pino';
import type { WardenConfig } from '../config';
import type { ControlDefinition } from '../controls/types';
import { sweepSource } from '../azure/sweep-source';
import { WardenError } from '../errors';
import type { Clock } from '../engine/ports';
import { runSweep, type CandidateSource, type SweepSummary } from '../engine/sweep';
import type { Engine } from '../engine/types';
import { isSubscriptionId } from '../core/resource-id';

/** The Storage queue the timer fans out on; its poison queue is `transit-warden-sweep-poison`. */
export const SWEEP_QUEUE = 'transit-warden-sweep';
export const SWEEP_QUEUE_CONNECTION = 'AzureWebJobsStorage';

/** The timer's return binding: every message in the returned array becomes one queue message. */
export const sweepQueueOutput = functions.output.storageQueue({ queueName: SWEEP_QUEUE, connection: SWEEP_QUEUE_CONNECTION });

/** What the sweep functions need from the runtime. */
export interface SweepRuntime {
  engine: Engine;
  config: WardenConfig;
  logger: Logger;
  catalog: readonly ControlDefinition[];
  /** For Resource Graph in Azure; unused when a graphSourceFactory is given. */
  credential?: TokenCredential;
  clock?: Clock;
  /** The sandbox and tests point the sweep elsewhere; in Azure it is unset. */
  graphSourceFactory?: (subscriptionId: string) => CandidateSource;
}

/** One queue message: sweep this subscription as part of run `runId`. */
export interface SweepMessage {
  subscriptionId: string;
  runId: string;
}

type RuntimeRef = SweepRuntime | (() => SweepRuntime);
const resolve = (runtime: RuntimeRef): SweepRuntime => (typeof runtime === 'function' ? runtime() : runtime);

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,127}$/;

/**
 * The drift-sweep timer: one queue message per allowed subscription, all carrying the same run id
 * (record ids derive from it, so a redelivered message never yields a second record). The work
 * itself happens in `sweepSubscription`, which Functions scales out across instances.
 *
 * Not one message per subscription and resource kind (DESIGN allows either): Resource Graph allows
 * about 15 queries per 5 s per identity across all instances, and a subscription's queries (one per
 * kind) run one after another inside one message; split per kind they would all start at once
 * and throttle each other. A subscription's ARM reads are bounded by its drifted resources anyway.
 */
export function driftSweepTimer(runtime: RuntimeRef): (timer: Timer, context: InvocationContext) => Promise<SweepMessage[]> {
  return async (timer, context) => {
    const { config, clock } = resolve(runtime);
    const now = clock?.now() ?? new Date();
    const runId = `sweep-${now.toISOString()}`;
    const messages = config.allowedSubscriptions.map((subscriptionId) => ({ subscriptionId, runId }));
    if (messages.length === 0) context.warn('drift sweep: no allowed subscriptions configured, nothing to sweep');
    else context.log(`drift sweep ${runId}: enqueued ${messages.length} subscription(s)${timer.isPastDue ? ' (timer was past due)' : ''}`);
    return messages;
  };
}

/**
 * Reads a queue message. A malformed message throws INVALID_INPUT: Functions retries it (cheap —
 * nothing reaches Azure before validation) and then moves it to the poison queue, which DESIGN
 * names as the place to review sweep failures. Dropping it would lose the only evidence that a
 * subscription went unswept.
 */
export function parseSweepMessage(message: unknown): SweepMessage {
  let value = message;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new WardenError('INVALID_INPUT', 'sweep message is not JSON');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new WardenError('INVALID_INPUT', 'sweep message must be a JSON object');
  const { subscriptionId, runId } = value as { subscriptionId?: unknown; runId?: unknown };
  if (typeof subscriptionId !== 'string' || !isSubscriptionId(subscriptionId)) {
    throw new WardenError('INVALID_INPUT', `sweep message subscriptionId ${JSON.stringify(subscriptionId ?? null)} is not a subscription id`);
  }
  if (typeof runId !== 'string' || !RUN_ID.test(runId)) {
    throw new WardenError('INVALID_INPUT', `sweep message runId ${JSON.stringify(runId ?? null)} is missing or malformed`);
  }
  return { subscriptionId: subscriptionId.toLowerCase(), runId };
}

/** What the queue handler reports (the host ignores it; tests and logs read it). */
export interface SubscriptionSweepResult {
  subscriptionId: string;
  runId: string;
  /** Null when the subscription is no longer allowed and nothing was swept. */
  summary: SweepSummary | null;
}

/**
 * Sweeps one subscription: Resource Graph candidates, engine for whatever does not plainly pass.
 * A subscription removed from the allow-list since the timer ran is skipped with a warning: the
 * allow-list at sweep time is the authority, and acting outside it is what fail-closed forbids.
 * Graph or engine infrastructure failures throw, so the message is retried, then poisoned.
 */
export function sweepSubscription(runtime: RuntimeRef): (message: unknown, context: InvocationContext) => Promise<SubscriptionSweepResult> {
  return async (message, context) => {
    const rt = resolve(runtime);
    const { subscriptionId, runId } = parseSweepMessage(message);
    if (!rt.config.allowedSubscriptions.some((s) => s.toLowerCase() === subscriptionId)) {
      context.warn(`drift sweep ${runId}: subscription ${subscriptionId} is not in the allow-list (any more); skipped`);
      return { subscriptionId, runId, summary: null };
    }
    const source = rt.graphSourceFactory?.(subscriptionId) ?? configuredSource(rt, subscriptionId);
    const summary = await runSweep({
      engine: rt.engine, source, catalog: rt.catalog, runId, subscriptionId, now: rt.clock?.now() ?? new Date(),
    });
    const line = `drift sweep ${runId} of ${subscriptionId}: ${summary.rows} rows, ${summary.candidates} candidates, ` +
      `${summary.evaluated} re-read, ${summary.records.length} audit record(s), ${summary.errors.length} error(s)`;
    if (summary.errors.length > 0) context.warn(line);
    else context.log(line);
    rt.logger.info({ runId, subscriptionId, rows: summary.rows, candidates: summary.candidates, evaluated: summary.evaluated, records: summary.records.length, errors: summary.errors }, 'drift sweep of a subscription finished');
    if (summary.errors.length > 0) {
      // Resources the engine could not finish (ARM throttling or failing, the audit store down):
      // throwing makes Functions retry the message, then poison it. The retry keeps the run id, so
      // what was recorded this time is skipped and only the unfinished resources are evaluated.
      const first = summary.errors[0];
      throw new WardenError('SWEEP_INCOMPLETE', `drift sweep ${runId} of ${subscriptionId}: ${summary.errors.length} resource(s) not evaluated, e.g. ${first.resourceId}: ${first.reason}`, { errors: summary.errors.length });
    }
    return { subscriptionId, runId, summary };
  };
}

function configuredSource(runtime: SweepRuntime, subscriptionId: string): CandidateSource {
  if (!runtime.credential) throw new WardenError('INVALID_CONFIG', 'the drift sweep needs a credential (or a graphSourceFactory) to find candidates');
  return sweepSource({ setting: runtime.config.sweepSource, credential: runtime.credential, subscriptions: [subscriptionId], catalog: runtime.catalog, logger: runtime.logger });
}
