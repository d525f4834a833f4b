import { isEngineWrite, type AuditRecord } from '../audit/record';
import { countRecords, type AuditStore } from '../audit/store';
import { WardenError } from '../errors';

/**
 * Safety rails that read the audit store. The store is shared by every Functions instance, so the
 * limits hold across scale-out without any coordination of our own. Both checks ask for one time
 * window only, which a table store answers from the one or two day partitions it spans.
 *
 * They are checks, not locks: two instances deciding at the same moment can each see room for one
 * more write. That overshoot is bounded by the number of concurrent instances, and both rails exist
 * to stop runaway loops, not to count exactly.
 */

export interface FlapCheck {
  resourceId: string;
  control: string;
  now: Date;
  /** Quarantine once this many fixes already happened in the window (the next would be one more). */
  maxFixes: number;
  windowMinutes: number;
}

export interface FlapStatus {
  quarantined: boolean;
  fixesInWindow: number;
}

export interface WriteBudgetCheck {
  now: Date;
  maxWrites: number;
  windowMinutes: number;
}

export interface WriteBudgetStatus {
  exhausted: boolean;
  /** Writes already made in the window: `fixed` and `undone` records, and fixes written that did not take. */
  used: number;
}

function windowOf(now: Date, windowMinutes: number): { since: string; until: string } {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new WardenError('INVALID_INPUT', 'guard check needs a valid `now`');
  if (!Number.isFinite(windowMinutes) || windowMinutes <= 0) throw new WardenError('INVALID_CONFIG', `guard window must be a positive number of minutes, got ${windowMinutes}`);
  // `until` is exclusive, so a record stamped exactly `now` still counts.
  return { since: new Date(now.getTime() - windowMinutes * 60_000).toISOString(), until: new Date(now.getTime() + 1).toISOString() };
}

function positiveLimit(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new WardenError('INVALID_CONFIG', `${name} must be a positive whole number, got ${value}`);
}

/**
 * A fix that keeps being undone (by a pipeline, IaC or a person) must not be re-applied forever: once
 * the same resource × control was fixed `maxFixes` times inside the window, it is quarantined and a
 * person decides.
 */
export async function checkFlap(store: AuditStore, check: FlapCheck): Promise<FlapStatus> {
  const { resourceId, control, now, maxFixes, windowMinutes } = check;
  const histories = await checkFixHistories(store, { resourceId, controls: [control], now, maxFixes, windowMinutes });
  const { quarantined, fixesInWindow } = histories.get(control) as FixHistory;
  return { quarantined, fixesInWindow };
}

export interface FixHistory extends FlapStatus {
  /** The newest `undone` record of this resource × control since the window began, if any. */
  lastUndone?: AuditRecord;
}

export interface FixHistoriesCheck extends Omit<FlapCheck, 'control'> {
  controls: readonly string[];
}

/**
 * Both rails that look at a resource × control's recent history — a fix a person undid within the
 * window is not re-applied, and flap quarantine — for several controls of one resource from a
 * single read of the resource's history (one partition in the table store): a site with four
 * planned fixes costs one audit-store round trip, not four.
 */
export async function checkFixHistories(store: AuditStore, check: FixHistoriesCheck): Promise<Map<string, FixHistory>> {
  positiveLimit('flap maxFixes', check.maxFixes);
  const { since, until } = windowOf(check.now, check.windowMinutes);
  const history = await store.query({ resourceId: check.resourceId, since });
  const untilMs = Date.parse(until);
  const statuses = new Map<string, FixHistory>();
  for (const control of check.controls) {
    const own = history.filter((r) => r.control === control);
    const fixesInWindow = own.filter((r) => isEngineWrite(r) && Date.parse(r.time) < untilMs).length;
    const undone = own.filter((r) => r.outcome === 'undone');
    const status: FixHistory = { quarantined: fixesInWindow >= check.maxFixes, fixesInWindow };
    if (undone.length > 0) status.lastUndone = undone[undone.length - 1];
    statuses.set(control, status);
  }
  return statuses;
}

/** Caps how many ARM writes transit-warden makes per window across all instances. */
export async function checkWriteBudget(store: AuditStore, check: WriteBudgetCheck): Promise<WriteBudgetStatus> {
  positiveLimit('write budget maxWrites', check.maxWrites);
  const window = windowOf(check.now, check.windowMinutes);
  const [fixed, undone, failed] = await Promise.all([
    countRecords(store, { outcome: 'fixed', ...window }),
    countRecords(store, { outcome: 'undone', ...window }),
    // Failed records are few; only those that wrote something count.
    store.query({ outcome: 'failed', ...window }).then((records) => records.filter(isEngineWrite).length),
  ]);
  const used = fixed + undone + failed;
  return { exhausted: used >= check.maxWrites, used };
}
