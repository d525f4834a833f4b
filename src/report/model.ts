import { sortOldestFirst } from '../audit/query';
import { summarize, type ControlSummary } from '../audit/summary';
import { isQuarantine, type AuditRecord, type ExemptionDetail, type Outcome } from '../audit/record';

/**
 * Pure aggregations behind the review page (and anything else that summarises the audit log).
 * Nothing here reads a clock: "today" is always passed in, so a report is reproducible.
 */

/** Outcomes that mean "someone or something changed this resource away from compliant". */
export const DRIFT_OUTCOMES: readonly Outcome[] = ['fixed', 'would-fix', 'noncompliant'];

/** An exemption whose last valid day is at most this many days after today is flagged. */
export const EXPIRY_WARNING_DAYS = 14;

export type OutcomeCounts = Record<Outcome, number>;

export type ControlOutcomeRow = ControlSummary;

export interface DailyRemediation {
  /** YYYY-MM-DD (UTC). */
  day: string;
  fixed: number;
  wouldFix: number;
  failed: number;
}

export interface RankedEntry {
  /** The resource id (as first seen) or the actor. */
  key: string;
  count: number;
}

export interface ActiveExemption {
  resourceId: string;
  control: string;
  /** Time of the record that showed the exemption. */
  recordedAt: string;
  exemption: ExemptionDetail;
  /** `until` falls within EXPIRY_WARNING_DAYS of today. */
  expiresSoon: boolean;
}

export interface QuarantinedPair {
  resourceId: string;
  control: string;
  /** Time of the latest flapping record. */
  since: string;
  reason: string;
  actor: string | null;
}

/** ARM compares resource ids case-insensitively, so a pair is keyed on the lowercased id. */
const pairKey = (record: Pick<AuditRecord, 'resourceId' | 'control'>): string => `${record.resourceId.toLowerCase()}\n${record.control}`;

/** YYYY-MM-DD of a Date or ISO time, in UTC. */
export function utcDay(time: Date | string): string {
  return (typeof time === 'string' ? new Date(time) : time).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return utcDay(date);
}

/** One row per control (sorted by id) with a count per outcome (audit/summary's counting). */
export function countByControlAndOutcome(records: readonly AuditRecord[]): ControlOutcomeRow[] {
  return summarize(records).controls;
}

/**
 * Fixed / would-fix / failed per UTC day, one entry per calendar day from the first to the last
 * record (quiet days are zeros, so the chart's time axis is honest). Only the last `maxDays` days
 * are kept, so a year of JSONL still draws a readable chart.
 */
export function dailyRemediation(records: readonly AuditRecord[], maxDays = 90): DailyRemediation[] {
  // A record with an unreadable time cannot be placed on the axis; it still counts everywhere else.
  const dated = records.filter((r) => !Number.isNaN(Date.parse(r.time)));
  if (dated.length === 0) return [];
  const days = dated.map((r) => utcDay(r.time)).sort();
  const last = days[days.length - 1];
  const first = days[0] > addDays(last, -(maxDays - 1)) ? days[0] : addDays(last, -(maxDays - 1));
  const series = new Map<string, DailyRemediation>();
  for (let day = first; day <= last; day = addDays(day, 1)) series.set(day, { day, fixed: 0, wouldFix: 0, failed: 0 });
  for (const record of dated) {
    const point = series.get(utcDay(record.time));
    if (!point) continue;
    if (record.outcome === 'fixed') point.fixed += 1;
    else if (record.outcome === 'would-fix') point.wouldFix += 1;
    else if (record.outcome === 'failed') point.failed += 1;
  }
  return [...series.values()];
}

function rank(keys: Iterable<{ key: string; group: string }>, top: number): RankedEntry[] {
  const counts = new Map<string, RankedEntry>();
  for (const { key, group } of keys) {
    const entry = counts.get(group) ?? { key, count: 0 };
    entry.count += 1;
    counts.set(group, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, top);
}

/** Resources with the most fixed / would-fix / noncompliant records. */
export function topDriftResources(records: readonly AuditRecord[], top = 10): RankedEntry[] {
  return rank(
    records.filter((r) => DRIFT_OUTCOMES.includes(r.outcome)).map((r) => ({ key: r.resourceId, group: r.resourceId.toLowerCase() })),
    top,
  );
}

/** Actors whose changes most often caused drift. Records without a known actor (sweeps) are left out. */
export function topDriftActors(records: readonly AuditRecord[], top = 10): RankedEntry[] {
  return rank(
    records
      .filter((r) => DRIFT_OUTCOMES.includes(r.outcome) && r.actor !== null && r.actor !== '')
      .map((r) => ({ key: r.actor as string, group: (r.actor as string).toLowerCase() })),
    top,
  );
}

/**
 * Exemptions in force: the latest `exempt` record per resource × control whose exemption is valid
 * and whose `until` is today or later (or absent). A later fixed / would-fix / noncompliant record
 * for the same pair means the tag no longer exempts it, so that exemption is not listed. (A later
 * `compliant` record proves nothing either way: the engine consults tags only on failing controls.)
 */
export function activeExemptions(records: readonly AuditRecord[], today: string): ActiveExemption[] {
  const latestExempt = new Map<string, AuditRecord>();
  const latestDrift = new Map<string, AuditRecord>();
  for (const record of sortOldestFirst(records)) {
    if (record.outcome === 'exempt' && record.exemption) latestExempt.set(pairKey(record), record);
    if (DRIFT_OUTCOMES.includes(record.outcome)) latestDrift.set(pairKey(record), record);
  }
  const warnUntil = addDays(today, EXPIRY_WARNING_DAYS);
  const active: ActiveExemption[] = [];
  for (const [key, record] of latestExempt) {
    const exemption = record.exemption as ExemptionDetail;
    const drift = latestDrift.get(key);
    if (drift && Date.parse(drift.time) > Date.parse(record.time)) continue;
    if (exemption.status !== 'valid') continue;
    if (exemption.until !== null && exemption.until < today) continue;
    active.push({
      resourceId: record.resourceId,
      control: record.control,
      recordedAt: record.time,
      exemption,
      expiresSoon: exemption.until !== null && exemption.until <= warnUntil,
    });
  }
  // Soonest expiry first (open-ended last): what needs a decision comes first.
  return active.sort((a, b) => (a.exemption.until ?? '9999').localeCompare(b.exemption.until ?? '9999') || a.resourceId.localeCompare(b.resourceId) || a.control.localeCompare(b.control));
}

/**
 * Resource × control pairs held in flap quarantine: the latest quarantine record (isQuarantine), unless a later record shows the pair fixed or compliant again.
 */
export function quarantinedPairs(records: readonly AuditRecord[]): QuarantinedPair[] {
  const latestFlap = new Map<string, AuditRecord>();
  const latestResolved = new Map<string, AuditRecord>();
  for (const record of sortOldestFirst(records)) {
    if (isQuarantine(record)) latestFlap.set(pairKey(record), record);
    if (record.outcome === 'fixed' || record.outcome === 'compliant') latestResolved.set(pairKey(record), record);
  }
  const pairs: QuarantinedPair[] = [];
  for (const [key, record] of latestFlap) {
    const resolved = latestResolved.get(key);
    if (resolved && Date.parse(resolved.time) > Date.parse(record.time)) continue;
    pairs.push({ resourceId: record.resourceId, control: record.control, since: record.time, reason: record.reason, actor: record.actor });
  }
  return pairs.sort((a, b) => b.since.localeCompare(a.since));
}

/**
 * One Defender for Cloud recommendation (or Azure Policy definition, where Defender has none) with
 * the resources transit-warden judged under it, as Defender's recommendations page groups them:
 * by the latest record of each resource × control, healthy (compliant or fixed), unhealthy
 * (noncompliant, would fix, failed, undone) or exempt.
 */
export interface RecommendationGroup {
  /** The assessment key, or null for a policy-only recommendation and for the group of records without one. */
  assessmentKey: string | null;
  /** The recommendation's display name; null for records that carry none. */
  name: string | null;
  policyDefinitionIds: string[];
  controls: string[];
  healthy: number;
  unhealthy: number;
  exempt: number;
}

const HEALTHY: readonly Outcome[] = ['compliant', 'fixed'];
const UNHEALTHY: readonly Outcome[] = ['noncompliant', 'would-fix', 'failed', 'undone'];

/**
 * Resources per recommendation, from each resource × control's latest record (skipped records are
 * left out: they judge nothing). Recommendations with unhealthy resources come first; the records
 * without a recommendation (written before records carried one, or a setting no policy checks) last.
 */
export function byRecommendation(records: readonly AuditRecord[]): RecommendationGroup[] {
  const latest = new Map<string, AuditRecord>();
  for (const record of sortOldestFirst(records)) if (record.outcome !== 'skipped') latest.set(pairKey(record), record);
  const groups = new Map<string, RecommendationGroup>();
  for (const record of latest.values()) {
    const recommendation = record.recommendation ?? null;
    const key = recommendation ? `${recommendation.assessmentKey ?? ''}\n${recommendation.name}` : '';
    let group = groups.get(key);
    if (!group) {
      group = {
        assessmentKey: recommendation?.assessmentKey ?? null, name: recommendation?.name ?? null,
        policyDefinitionIds: [], controls: [], healthy: 0, unhealthy: 0, exempt: 0,
      };
      groups.set(key, group);
    }
    for (const id of recommendation?.policyDefinitionIds ?? []) if (!group.policyDefinitionIds.includes(id)) group.policyDefinitionIds.push(id);
    if (!group.controls.includes(record.control)) group.controls.push(record.control);
    if (HEALTHY.includes(record.outcome)) group.healthy += 1;
    else if (UNHEALTHY.includes(record.outcome)) group.unhealthy += 1;
    else if (record.outcome === 'exempt') group.exempt += 1;
  }
  for (const group of groups.values()) group.controls.sort();
  return [...groups.values()].sort((a, b) =>
    Number(a.name === null) - Number(b.name === null) || b.unhealthy - a.unhealthy || (a.name ?? '').localeCompare(b.name ?? ''));
}

export interface ReviewModel {
  total: number;
  /** Earliest and latest record time, or null when there are no records. */
  firstTime: string | null;
  lastTime: string | null;
  outcomes: OutcomeCounts;
  byControl: ControlOutcomeRow[];
  daily: DailyRemediation[];
  topResources: RankedEntry[];
  topActors: RankedEntry[];
  exemptions: ActiveExemption[];
  quarantined: QuarantinedPair[];
  recommendations: RecommendationGroup[];
}

/** Everything the review page summarises, for records of any order. */
export function buildReviewModel(records: readonly AuditRecord[], today: string): ReviewModel {
  const sorted = sortOldestFirst(records);
  const summary = summarize(sorted);
  return {
    total: sorted.length,
    firstTime: sorted[0]?.time ?? null,
    lastTime: sorted[sorted.length - 1]?.time ?? null,
    outcomes: summary.counts,
    byControl: summary.controls,
    daily: dailyRemediation(sorted),
    topResources: topDriftResources(sorted),
    topActors: topDriftActors(sorted),
    exemptions: activeExemptions(sorted, today),
    quarantined: quarantinedPairs(sorted),
    recommendations: byRecommendation(sorted),
  };
}
