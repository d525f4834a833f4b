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

  const grouped = groupObjects(rows, options.catalog);
  const { groups } = grouped;
  const results = checkGroups(grouped, options.catalog, options.now);
  const candidates = new Set(results.map((r) => r.resourceId));
  const needsEngine = [...new Set(results.filter((r) => r.status !== 'pass').map((r) => r.resourceId))];

  const summary: SweepSummary = {
    runId: options.runId,
    rows: rows.length,
    candidates: candidates.size,
    evaluated: needsEngine.length,
    records: [],
    errors: [],
  };
  // Writes a dead attempt (of this run or another) made without recording them: a re-run of this
  // run id would no longer pick a resource it already fixed, so their records are completed here.
  // An unsettled one is an error: the message is retried, and the retry settles it.
  // Those still held or unreadable are tried again at the end (an evaluation reconciles first).
  let busy: string[] = [];
  if (options.engine.settleOpenIntents) {
    const settled = await options.engine.settleOpenIntents({ subscriptionId: options.subscriptionId });
    appendAll(summary.records, settled.records);
    appendAll(busy, settled.unsettled.map((u) => u.resourceId));
  }
  let done = 0;
  const evaluate = async (resourceId: string, last: boolean): Promise<void> => {
    try {
      const records = await options.engine.process({
        resourceId, trigger: 'sweep', occurrence: options.runId, eventId: null, correlationId: options.runId, actor: null,
        hint: hintFrom(groups.get(resourceId.toLowerCase())),
      });
      appendAll(summary.records, records);
    } catch (err) {
      // Another evaluation holds the resource (an event for it, usually), or ARM throttled or
      // failed past the SDK's retries: both nearly always pass within seconds, so the resource is
      // tried again at the end of the run rather than re-running the whole message for it.
      if (!last && (isWardenError(err, 'LEASE_BUSY') || isTransientArmError(err))) busy.push(resourceId);
      else summary.errors.push({ resourceId, reason: describeError(err) });
    }
  };
  await forEachLimited(needsEngine, options.concurrency ?? 8, async (resourceId) => {
    await evaluate(resourceId, false);
    options.onProgress?.(++done, needsEngine.length);
  });
  const retries = options.busyRetryDelaysMs ?? [2000, 10_000];
  for (let round = 0; round < retries.length && busy.length > 0; round += 1) {
    const again = busy;
    busy = [];
    await new Promise((resolve) => setTimeout(resolve, retries[round]));
    await forEachLimited(again, options.concurrency ?? 8, (resourceId) => evaluate(resourceId, round === retries.length - 1));
  }
  // Left only by settling when no retry round is configured.
  for (const resourceId of busy) summary.errors.push({ resourceId, reason: 'LEASE_BUSY: another evaluation held the resource, or ARM kept failing, for the whole run' });
  return summary;
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
