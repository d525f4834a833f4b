import { OUTCOMES, type AuditRecord, type Outcome } from './record';

/**
 * Counts of audit records by control × outcome: what `audit --summary` prints and what the review
 * page's cards and control table show, from one function so the two never count differently.
 */

export interface ControlSummary {
  control: string;
  counts: Record<Outcome, number>;
  total: number;
}

export interface AuditSummary {
  /** One row per control, sorted by control id. */
  controls: ControlSummary[];
  /** Column totals. */
  counts: Record<Outcome, number>;
  total: number;
}

function zeroCounts(): Record<Outcome, number> {
  return Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
}

/** Counts by control × outcome; controls sorted by id (code-unit order, the same on every machine). */
export function summarize(records: readonly AuditRecord[]): AuditSummary {
  const byControl = new Map<string, ControlSummary>();
  const counts = zeroCounts();
  for (const record of records) {
    let row = byControl.get(record.control);
    if (!row) {
      row = { control: record.control, counts: zeroCounts(), total: 0 };
      byControl.set(record.control, row);
    }
    // An outcome outside the list (a record from a newer version) still counts in the totals.
    if (Object.hasOwn(row.counts, record.outcome)) {
      row.counts[record.outcome] += 1;
      counts[record.outcome] += 1;
    }
    row.total += 1;
  }
  const controls = [...byControl.values()].sort((a, b) => (a.control < b.control ? -1 : a.control > b.control ? 1 : 0));
  return { controls, counts, total: records.length };
}
