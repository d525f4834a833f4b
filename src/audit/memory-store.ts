import { applyQuery } from './query';
import type { AuditRecord } from './record';
import type { AppendResult, AuditQuery, AuditStore } from './store';

/**
 * An in-process audit store for tests, benchmarks and one-shot CLI runs. Records are copied in and out,
 * so a caller mutating a record it holds cannot rewrite history.
 */
export class MemoryAuditStore implements AuditStore {
  private readonly records = new Map<string, AuditRecord>();
  // The engine's guards ask for one resource's history and for one outcome in a window on every
  // planned fix; indexes keep those queries proportional to their answer, not to the whole log.
  private readonly byResource = new Map<string, AuditRecord[]>();
  private readonly byOutcome = new Map<string, AuditRecord[]>();

  constructor(initial: readonly AuditRecord[] = []) {
    for (const record of initial) {
      if (!this.records.has(record.id)) this.store(structuredClone(record));
    }
  }

  private store(record: AuditRecord): void {
    this.records.set(record.id, record);
    const resource = record.resourceId.toLowerCase();
    const history = this.byResource.get(resource);
    if (history) history.push(record);
    else this.byResource.set(resource, [record]);
    const outcome = this.byOutcome.get(record.outcome);
    if (outcome) outcome.push(record);
    else this.byOutcome.set(record.outcome, [record]);
  }

  async append(records: AuditRecord[]): Promise<AppendResult> {
    const result: AppendResult = { inserted: [], duplicates: [] };
    for (const record of records) {
      if (this.records.has(record.id)) {
        result.duplicates.push(record);
      } else {
        this.store(structuredClone(record));
        result.inserted.push(record);
      }
    }
    return result;
  }

  async has(id: string): Promise<boolean> {
    return this.records.has(id);
  }

  async get(id: string): Promise<AuditRecord | undefined> {
    const record = this.records.get(id);
    return record === undefined ? undefined : structuredClone(record);
  }

  async query(query: AuditQuery): Promise<AuditRecord[]> {
    // Narrow to an index when the query pins one; applyQuery still applies every filter.
    const candidates: Iterable<AuditRecord> =
      query.resourceId !== undefined ? (this.byResource.get(query.resourceId.toLowerCase()) ?? [])
        : query.outcome !== undefined ? (this.byOutcome.get(query.outcome) ?? [])
          : this.records.values();
    return applyQuery(candidates, query).map((record) => structuredClone(record));
  }

  /** Every record in insertion order (a convenience for tests). */
  all(): AuditRecord[] {
    return [...this.records.values()].map((record) => structuredClone(record));
  }

  get size(): number {
    return this.records.size;
  }
}
