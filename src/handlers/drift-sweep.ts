import type { TokenCredential } from '@azure/core-auth';
import type { InvocationContext, Timer } from '@azure/functions';
import * as functions from '@azure/functions';
import type { Logger } from 'pino';
import type { WardenConfig } from '../config';
import { sweepSource } from '../azure/sweep-source';
import { WardenError, describeError, isWardenError } from '../errors';
import type { Clock } from '../engine/ports';
import { evaluateCandidates, runSweep, type CandidateSource, type SweepCandidate } from '../engine/sweep';
import type { Engine } from '../engine/types';
import { isSubscriptionId, parseResourceId } from '../core/resource-id';
import { isJsonObject } from '../core/json';
import type { ArmObject, ControlDefinition, Json, JsonObject } from '../controls/types';
import type { AuditRecord } from '../audit/record';
import { subscriptionScope, type SubscriptionScope } from '../engine/scope';
import { MAX_SUBSCRIPTIONS_PER_QUERY, type ResourceGraph } from '../azure/resource-graph';
import { appendAll } from '../collections';
import { CandidateStream } from '../engine/candidate-stream';
import { SWEEP_QUEUE, type SweepQueue } from '../azure/sweep-queue';

export { SWEEP_QUEUE } from '../azure/sweep-queue';
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
  /** Which subscriptions are in scope (named ones and management groups'); default: the named ones only. */
  scope?: SubscriptionScope;
  /** The sandbox and tests point the sweep elsewhere; in Azure it is unset. */
  graphSourceFactory?: (subscriptions: readonly string[]) => CandidateSource;
  /** Where a batch sends candidates as it finds them; unset, they leave through the output binding when it ends. */
  sweepQueue?: SweepQueue;
  /** The process's Graph client, so that sweeps and scope resolution pace on one reading of the quota. */
  resourceGraph?: () => ResourceGraph;
}

/** Graph accepts up to 1,000 subscriptions per query: a batch message carries at most that many. */
export const SUBSCRIPTIONS_PER_BATCH = MAX_SUBSCRIPTIONS_PER_QUERY;
/** Candidates per message: enough to keep a consumer busy, few enough that a retry repeats little. */
export const CANDIDATES_PER_MESSAGE = 50;
/**
 * A Storage queue message holds 64 KiB, and the Functions output binding base64-encodes it (4/3):
 * 46 KiB of JSON is the most one message may carry.
 */
export const MAX_MESSAGE_JSON_BYTES = 46 * 1024;

/** Sweep these subscriptions (at most 1,000) as part of run `runId`: Graph queries, then fan out their candidates. */
export interface BatchMessage {
  kind: 'batch';
  runId: string;
  subscriptions: string[];
}

/** Evaluate these candidates (picked from Graph rows by a batch message) as part of run `runId`. */
export interface CandidatesMessage {
  kind: 'candidates';
  runId: string;
  candidates: SweepCandidate[];
}

/** The message earlier versions enqueued, one per subscription; still served so a sweep in flight across an upgrade finishes. */
export interface SubscriptionMessage {
  subscriptionId: string;
  runId: string;
}

export type SweepMessage = BatchMessage | CandidatesMessage | SubscriptionMessage;

type RuntimeRef = SweepRuntime | (() => SweepRuntime);
const resolve = (runtime: RuntimeRef): SweepRuntime => (typeof runtime === 'function' ? runtime() : runtime);

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9:._-]{0,127}$/;

function scopeOf(runtime: SweepRuntime): SubscriptionScope {
  return runtime.scope ?? subscriptionScope({ config: runtime.config, ...(runtime.clock ? { clock: runtime.clock } : {}) });
}

/**
 * The drift-sweep timer: one queue message per batch of up to 1,000 subscriptions in scope, all
 * carrying the same run id (record ids derive from it, so a redelivered message never yields a
 * second record). A batch message runs one Resource Graph query per table over its subscriptions
 * and fans its candidates out in messages of their own, which Functions spreads across instances.
 *
 * Why batches and not a message per subscription and kind: Resource Graph allows about 15 queries
 * per 5 s per identity across all instances; 1,000 subscriptions × 13 kinds would be 13,000
 * queries, most answering no rows, where one query per table and batch needs
 * ceil(rows / 1,000) + tables. ARM reads and writes, which Azure limits per subscription, go to the
 * candidates' messages.
 *
 * Scope: named subscriptions and the subscriptions under allowed management groups, resolved now
 * (a subscription added to a group last week is swept without a config change). When the groups
 * cannot be resolved, the named subscriptions are still swept and the failure is logged as an
 * error: fail closed, nothing outside what is certain is touched.
 */
export function driftSweepTimer(runtime: RuntimeRef): (timer: Timer, context: InvocationContext) => Promise<SweepMessage[]> {
  return async (timer, context) => {
    const rt = resolve(runtime);
    const now = rt.clock?.now() ?? new Date();
    const runId = `sweep-${now.toISOString()}`;
    let subscriptions: string[];
    try {
      subscriptions = await scopeOf(rt).subscriptions();
    } catch (err) {
      if (!isWardenError(err, 'SCOPE_UNRESOLVED')) throw err;
      context.error(`drift sweep ${runId}: ${err.message}; sweeping only the subscriptions named in the settings`);
      rt.logger.error({ runId, err: err.message }, 'management groups not resolved; sweeping named subscriptions only');
      subscriptions = [...new Set(rt.config.allowedSubscriptions.map((s) => s.toLowerCase()))].sort();
    }
    const messages: BatchMessage[] = [];
    for (let i = 0; i < subscriptions.length; i += SUBSCRIPTIONS_PER_BATCH) {
      messages.push({ kind: 'batch', runId, subscriptions: subscriptions.slice(i, i + SUBSCRIPTIONS_PER_BATCH) });
    }
    if (messages.length === 0) context.warn('drift sweep: no allowed subscriptions configured, nothing to sweep');
    else context.log(`drift sweep ${runId}: enqueued ${subscriptions.length} subscription(s) in ${messages.length} batch(es)${timer.isPastDue ? ' (timer was past due)' : ''}`);
    return messages;
  };
}

function invalid(message: string): WardenError {
  return new WardenError('INVALID_INPUT', message);
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
      throw invalid('sweep message is not JSON');
    }
  }
  if (!isJsonObject(value as Json)) throw invalid('sweep message must be a JSON object');
  const object = value as JsonObject;
  const { runId } = object;
  if (typeof runId !== 'string' || !RUN_ID.test(runId)) {
    throw invalid(`sweep message runId ${JSON.stringify(runId ?? null)} is missing or malformed`);
  }
  if (object.kind === 'batch') {
    const { subscriptions } = object;
    if (!Array.isArray(subscriptions) || subscriptions.length === 0 || subscriptions.length > SUBSCRIPTIONS_PER_BATCH) {
      throw invalid(`sweep batch message must name 1 to ${SUBSCRIPTIONS_PER_BATCH} subscriptions`);
    }
    const bad = subscriptions.find((s) => typeof s !== 'string' || !isSubscriptionId(s));
    if (bad !== undefined) throw invalid(`sweep batch message holds ${JSON.stringify(bad)}, which is not a subscription id`);
    return { kind: 'batch', runId, subscriptions: [...new Set((subscriptions as string[]).map((s) => s.toLowerCase()))] };
  }
  if (object.kind === 'candidates') {
    const { candidates } = object;
    if (!Array.isArray(candidates) || candidates.length === 0) throw invalid('sweep candidates message must hold at least one candidate');
    return { kind: 'candidates', runId, candidates: candidates.map((c, index) => parseCandidate(c, index)) };
  }
  if (object.kind !== undefined) throw invalid(`sweep message kind ${JSON.stringify(object.kind)} is not batch or candidates`);
  const { subscriptionId } = object;
  if (typeof subscriptionId !== 'string' || !isSubscriptionId(subscriptionId)) {
    throw invalid(`sweep message subscriptionId ${JSON.stringify(subscriptionId ?? null)} is not a subscription id`);
  }
  return { subscriptionId: subscriptionId.toLowerCase(), runId };
}

function parseCandidate(value: Json, index: number): SweepCandidate {
  if (!isJsonObject(value) || typeof value.resourceId !== 'string') throw invalid(`sweep candidate ${index} needs a string resourceId`);
  let resourceId: string;
  try {
    resourceId = parseResourceId(value.resourceId).id;
  } catch (err) {
    throw invalid(`sweep candidate ${index}: ${describeError(err)}`);
  }
  const { hint } = value;
  if (hint === undefined) return { resourceId };
  // A hint only ever spares a read (the engine re-reads before any write); one that is not the
  // snapshot shape is dropped rather than failing the whole message.
  if (!isJsonObject(hint) || !isJsonObject(hint.resource) || !isJsonObject(hint.documents)) return { resourceId };
  const documents: Record<string, ArmObject> = {};
  for (const [target, document] of Object.entries(hint.documents)) {
    if (!isJsonObject(document)) return { resourceId };
    documents[target] = document;
  }
  return { resourceId, hint: { resource: hint.resource, documents } };
}

/** What the queue handler reports (the host ignores it; tests and logs read it). */
export interface SweepMessageResult {
  runId: string;
  kind: 'batch' | 'candidates' | 'subscription';
  /** Subscriptions swept (batch, subscription), or those the candidates belonged to. */
  subscriptions: string[];
  /** Subscriptions of the message no longer in scope: nothing of theirs was read or written. */
  outOfScope: string[];
  /** Graph rows read (batch, subscription). */
  rows: number;
  /** Resources handed to the engine, or (batch) enqueued for it. */
  candidates: number;
  /** Messages this one fanned out (batch). */
  enqueued: number;
  records: AuditRecord[];
  errors: { resourceId: string; reason: string }[];
}

/**
 * The sweep's queue handler. A batch message queries Graph for its subscriptions and fans out
 * candidates (context.extraOutputs, the `sweepQueueOutput` binding); a candidates message runs the
 * engine over them. A subscription no longer in scope since the timer ran is skipped with a
 * warning: scope at sweep time is the authority, and acting outside it is what fail-closed forbids.
 * Graph or engine infrastructure failures throw, so the message is retried, then poisoned; a retry
 * keeps the run id, so what was recorded the first time is not recorded again.
 */
export function sweepSubscription(runtime: RuntimeRef): (message: unknown, context: InvocationContext) => Promise<SweepMessageResult> {
  return async (message, context) => {
    const rt = resolve(runtime);
    const parsed = parseSweepMessage(message);
    if ('kind' in parsed && parsed.kind === 'candidates') return sweepCandidates(rt, parsed, context);
    const subscriptions = 'kind' in parsed ? parsed.subscriptions : [parsed.subscriptionId];
    return sweepBatch(rt, parsed.runId, subscriptions, 'kind' in parsed ? 'batch' : 'subscription', context);
  };
}

async function inScope(rt: SweepRuntime, subscriptions: readonly string[]): Promise<{ allowed: string[]; outOfScope: string[] }> {
  const scope = scopeOf(rt);
  const allowed: string[] = [];
  const outOfScope: string[] = [];
  // SCOPE_UNRESOLVED propagates: the message is retried, never treated as swept.
  for (const s of subscriptions) (await scope.allows(s) ? allowed : outOfScope).push(s);
  return { allowed, outOfScope };
}

async function sweepBatch(rt: SweepRuntime, runId: string, subscriptions: readonly string[], kind: 'batch' | 'subscription', context: InvocationContext): Promise<SweepMessageResult> {
  const { allowed, outOfScope } = await inScope(rt, subscriptions);
  if (outOfScope.length > 0) context.warn(`drift sweep ${runId}: ${outOfScope.length} subscription(s) not in scope (any more), skipped: ${outOfScope.slice(0, 5).join(', ')}${outOfScope.length > 5 ? ', …' : ''}`);
  const result: SweepMessageResult = { runId, kind, subscriptions: allowed, outOfScope, rows: 0, candidates: 0, enqueued: 0, records: [], errors: [] };
  if (allowed.length === 0) return result;
  const now = rt.clock?.now() ?? new Date();
  const source = rt.graphSourceFactory?.(allowed) ?? configuredSource(rt, allowed);
  if (kind === 'subscription') {
    const summary = await runSweep({ engine: rt.engine, source, catalog: rt.catalog, runId, subscriptionId: allowed[0], now });
    Object.assign(result, { rows: summary.rows, candidates: summary.evaluated, records: summary.records, errors: summary.errors });
    return finish(rt, result, context);
  }
  // Writes a dead attempt in these subscriptions made without recording them: completed here, once
  // per batch (each batch settles only its own subscriptions' intents). One still
  // held or unreadable goes out as a candidate, whose evaluation reconciles it first.
  const candidates: SweepCandidate[] = [];
  if (rt.engine.settleOpenIntents) {
    const settled = await rt.engine.settleOpenIntents({ subscriptions: allowed });
    appendAll(result.records, settled.records);
    for (const { resourceId } of settled.unsettled) candidates.push({ resourceId });
  }
  // With a queue to send to, candidates leave page by page while Graph is still being read (the
  // output binding only delivers when the invocation ends), so instances evaluate them during the
  // Graph time the quota imposes instead of after it. A candidate of a settled intent may then be
  // sent twice; the second evaluation finds it recorded under the run id and records nothing.
  const held: CandidatesMessage[] = [];
  const send = async (picked: readonly SweepCandidate[]): Promise<void> => {
    if (picked.length === 0) return;
    const messages = candidateMessages(runId, picked);
    result.candidates += picked.length;
    result.enqueued += messages.length;
    if (rt.sweepQueue) await rt.sweepQueue.send(messages);
    else appendAll(held, messages);
  };
  await send(candidates);
  const stream = new CandidateStream(rt.catalog, now);
  for await (const row of source.rows()) await send(stream.add(row));
  await send(stream.end());
  result.rows = stream.rows;
  context.extraOutputs.set(sweepQueueOutput, held);
  return finish(rt, result, context);
}

async function sweepCandidates(rt: SweepRuntime, message: CandidatesMessage, context: InvocationContext): Promise<SweepMessageResult> {
  const bySubscription = new Map<string, SweepCandidate[]>();
  for (const candidate of message.candidates) {
    const subscription = parseResourceId(candidate.resourceId).subscriptionId.toLowerCase();
    const list = bySubscription.get(subscription);
    if (list) list.push(candidate);
    else bySubscription.set(subscription, [candidate]);
  }
  const { allowed, outOfScope } = await inScope(rt, [...bySubscription.keys()]);
  if (outOfScope.length > 0) context.warn(`drift sweep ${message.runId}: candidates of ${outOfScope.length} subscription(s) no longer in scope, skipped: ${outOfScope.join(', ')}`);
  const candidates = allowed.flatMap((s) => bySubscription.get(s) ?? []);
  const evaluated = await evaluateCandidates({ engine: rt.engine, runId: message.runId, candidates });
  const result: SweepMessageResult = {
    runId: message.runId, kind: 'candidates', subscriptions: allowed, outOfScope, rows: 0, candidates: candidates.length, enqueued: 0,
    records: evaluated.records, errors: evaluated.errors,
  };
  return finish(rt, result, context);
}

function finish(rt: SweepRuntime, result: SweepMessageResult, context: InvocationContext): SweepMessageResult {
  const line = `drift sweep ${result.runId} (${result.kind}, ${result.subscriptions.length} subscription(s)): ${result.rows} rows, ` +
    `${result.candidates} candidates, ${result.enqueued} message(s) enqueued, ${result.records.length} audit record(s), ${result.errors.length} error(s)`;
  if (result.errors.length > 0) context.warn(line);
  else context.log(line);
  rt.logger.info({ runId: result.runId, kind: result.kind, subscriptions: result.subscriptions.length, rows: result.rows, candidates: result.candidates, enqueued: result.enqueued, records: result.records.length, errors: result.errors }, 'drift sweep message finished');
  if (result.errors.length > 0) {
    // Resources the engine could not finish (ARM throttling or failing, the audit store down):
    // throwing makes Functions retry the message, then poison it. The retry keeps the run id, so
    // what was recorded this time is skipped and only the unfinished resources are evaluated.
    const first = result.errors[0];
    throw new WardenError('SWEEP_INCOMPLETE', `drift sweep ${result.runId}: ${result.errors.length} resource(s) not evaluated, e.g. ${first.resourceId}: ${first.reason}`, { errors: result.errors.length });
  }
  return result;
}

/**
 * Candidates in messages of at most CANDIDATES_PER_MESSAGE and MAX_MESSAGE_JSON_BYTES. A candidate
 * whose hint alone would not fit goes without it: the engine then reads the resource itself.
 */
export function candidateMessages(runId: string, candidates: readonly SweepCandidate[]): CandidatesMessage[] {
  const envelope = Buffer.byteLength(JSON.stringify({ kind: 'candidates', runId, candidates: [] }));
  const messages: CandidatesMessage[] = [];
  let current: SweepCandidate[] = [];
  let bytes = envelope;
  for (const candidate of candidates) {
    let entry = candidate;
    let size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (envelope + size > MAX_MESSAGE_JSON_BYTES) {
      entry = { resourceId: candidate.resourceId };
      size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    }
    if (current.length > 0 && (current.length >= CANDIDATES_PER_MESSAGE || bytes + size > MAX_MESSAGE_JSON_BYTES)) {
      messages.push({ kind: 'candidates', runId, candidates: current });
      current = [];
      bytes = envelope;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) messages.push({ kind: 'candidates', runId, candidates: current });
  return messages;
}

function configuredSource(runtime: SweepRuntime, subscriptions: readonly string[]): CandidateSource {
  if (!runtime.credential) throw new WardenError('INVALID_CONFIG', 'the drift sweep needs a credential (or a graphSourceFactory) to find candidates');
  return sweepSource({ setting: runtime.config.sweepSource, credential: runtime.credential, subscriptions, catalog: runtime.catalog, logger: runtime.logger, graph: runtime.resourceGraph?.() });
}
