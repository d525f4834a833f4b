import type { AuditRecord } from '../audit/record';
import type { ArmObject, ControlDefinition } from '../controls/types';
import { describeError } from '../errors';
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
  let done = 0;
  await forEachLimited(needsEngine, options.concurrency ?? 8, async (resourceId) => {
    try {
      const records = await options.engine.process({
        resourceId, trigger: 'sweep', occurrence: options.runId, eventId: null, correlationId: options.runId, actor: null,
        hint: hintFrom(groups.get(resourceId.toLowerCase())),
      });
      appendAll(summary.records, records);
    } catch (err) {
      summary.errors.push({ resourceId, reason: describeError(err) });
    }
    options.onProgress?.(++done, needsEngine.length);
  });
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
