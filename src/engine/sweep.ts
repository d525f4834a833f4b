import type { AuditRecord } from '../audit/record';
import type { ArmObject, ControlDefinition } from '../controls/types';
import { describeError, isTransientArmError, isWardenError } from '../errors';
import { checkGroups, groupObjects, type ObjectGroup } from './check';
import type { ResourceSnapshot } from './ports';
import type { Engine } from './types';
import { appendAll } from '../collections';

/** Where sweep candidates come from: Resource Graph in Azure, the estate in the sandbox. */
export interface CandidateSource {
  /**
   * ARM objects as Resource Graph or list calls return them (id, type, kind, tags, properties),
   * including child documents such as `…/config/web` where the source has them.
   */
  rows(): AsyncIterable<ArmObject>;
}

export interface SweepOptions {
  engine: Engine;
  source: CandidateSource;
  catalog: readonly ControlDefinition[];
  /** Makes record ids unique per run; re-running with the same id records nothing twice. */
  runId: string;
  now: Date;
  /** Only this subscription's open write intents are settled first (default: all of them). */
  subscriptionId?: string;
  /** Waits before each re-try of resources another evaluation held or ARM failed for (default 2 s, then 10 s). */
  busyRetryDelaysMs?: readonly number[];
  /** Engine evaluations in flight at once; ARM's per-principal limits make large values pointless. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SweepSummary {
  runId: string;
  /** Rows the source returned. */
  rows: number;
  /** Resources the catalog covers. */
  candidates: number;
  /**
   * Resources handed to the engine (noncompliant, undeterminable or exempt in the rows). The engine
   * reads ARM only for those it may fix; report-only, exempt and dry-run findings are recorded from
   * the rows.
   */
  evaluated: number;
  records: AuditRecord[];
  /** Engine failures that were not records (infrastructure), by resource. */
  errors: { resourceId: string; reason: string }[];
}

/**
 * The drift sweep. The rows are only a hint (Resource Graph lags ARM by seconds to minutes), so
 * they are used to pick candidates, never to decide a fix: every candidate that does not plainly
 * pass is re-read and decided by the engine, exactly as for an event.
 */
export async function runSweep(options: SweepOptions): Promise<SweepSummary> {
  const rows: ArmObject[] = [];
  for await (const row of options.source.rows()) rows.push(row);
  const picked = pickCandidates(rows, options.catalog, options.now);

  const summary: SweepSummary = {
    runId: options.runId,
    rows: rows.length,
    candidates: picked.covered,
    evaluated: picked.candidates.length,
    records: [],
    errors: [],
  };
  // Writes a dead attempt (of this run or another) made without recording them: a re-run of this
  // run id would no longer pick a resource it already fixed, so their records are completed here.
  // An unsettled one is an error: the message is retried, and the retry settles it.
  // Those still held or unreadable are tried again at the end (an evaluation reconciles first).
  const settledBusy: string[] = [];
  if (options.engine.settleOpenIntents) {
    const settled = await options.engine.settleOpenIntents(options.subscriptionId === undefined ? {} : { subscriptions: [options.subscriptionId] });
    appendAll(summary.records, settled.records);
    appendAll(settledBusy, settled.unsettled.map((u) => u.resourceId));
  }
  const evaluated = await evaluateCandidates({ ...options, candidates: picked.candidates, alsoRetry: settledBusy });
  appendAll(summary.records, evaluated.records);
  appendAll(summary.errors, evaluated.errors);
  return summary;
}

/** A resource the sweep hands to the engine, with what the rows said of it. */
export interface SweepCandidate {
  resourceId: string;
  /** The rows of the resource; the engine records from them only where it would not write. */
  hint?: ResourceSnapshot;
}

/**
 * The resources among `rows` that do not plainly pass (noncompliant, undeterminable or exempt),
 * with their rows as hints; `covered` counts the resources the catalog covers.
 */
export function pickCandidates(rows: readonly ArmObject[], catalog: readonly ControlDefinition[], now: Date): { covered: number; candidates: SweepCandidate[] } {
  const grouped = groupObjects(rows, catalog);
  const results = checkGroups(grouped, catalog, now);
  const covered = new Set(results.map((r) => r.resourceId)).size;
  const ids = [...new Set(results.filter((r) => r.status !== 'pass').map((r) => r.resourceId))];
  return {
    covered,
    candidates: ids.map((resourceId) => {
      const hint = hintFrom(grouped.groups.get(resourceId.toLowerCase()));
      return hint ? { resourceId, hint } : { resourceId };
    }),
  };
}

export interface EvaluateOptions {
  engine: Engine;
  runId: string;
  candidates: readonly SweepCandidate[];
  /** Resources with no candidate entry to try again at the end (writes settling could not finish). */
  alsoRetry?: readonly string[];
  busyRetryDelaysMs?: readonly number[];
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The engine over each candidate, as an evaluation for the sweep run `runId` (record ids derive
 * from it, so evaluating a candidate again in the same run records nothing twice).
 */
export async function evaluateCandidates(options: EvaluateOptions): Promise<Pick<SweepSummary, 'records' | 'errors'>> {
  const result: Pick<SweepSummary, 'records' | 'errors'> = { records: [], errors: [] };
  const hints = new Map(options.candidates.map((c) => [c.resourceId.toLowerCase(), c.hint]));
  let busy: string[] = [...(options.alsoRetry ?? [])];
  let done = 0;
  const evaluate = async (resourceId: string, last: boolean): Promise<void> => {
    try {
      const hint = hints.get(resourceId.toLowerCase());
      const records = await options.engine.process({
        resourceId, trigger: 'sweep', occurrence: options.runId, eventId: null, correlationId: options.runId, actor: null,
        ...(hint ? { hint } : {}),
      });
      appendAll(result.records, records);
    } catch (err) {
      // Another evaluation holds the resource (an event for it, usually), or ARM throttled or
      // failed past the SDK's retries: both nearly always pass within seconds, so the resource is
      // tried again at the end of the run rather than re-running the whole message for it.
      if (!last && (isWardenError(err, 'LEASE_BUSY') || isTransientArmError(err))) busy.push(resourceId);
      else result.errors.push({ resourceId, reason: describeError(err) });
    }
  };
  await forEachLimited(options.candidates, options.concurrency ?? 8, async ({ resourceId }) => {
    await evaluate(resourceId, false);
    options.onProgress?.(++done, options.candidates.length);
  });
  const retries = options.busyRetryDelaysMs ?? [2000, 10_000];
  for (let round = 0; round < retries.length && busy.length > 0; round += 1) {
    const again = busy;
    busy = [];
    await new Promise((resolve) => setTimeout(resolve, retries[round]));
    await forEachLimited(again, options.concurrency ?? 8, (resourceId) => evaluate(resourceId, round === retries.length - 1));
  }
  // Left only by settling when no retry round is configured.
  for (const resourceId of busy) result.errors.push({ resourceId, reason: 'LEASE_BUSY: another evaluation held the resource, or ARM kept failing, for the whole run' });
  return result;
}

/** The rows of one resource as a snapshot the engine can record from (it re-reads before any write). */
function hintFrom(group: ObjectGroup | undefined): ResourceSnapshot | undefined {
  if (!group?.resource) return undefined;
  return { resource: group.resource, documents: Object.fromEntries(group.documents) };
}

/** Runs `work` over items with at most `limit` in flight. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  });
  await Promise.all(workers);
}
