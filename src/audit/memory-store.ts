import { applyQuery } from './query';
import type { AuditRecord } from './record';
import type { AppendResult, AuditQuery, AuditStore } from './store';

/**
 * An in-process audit store for tests, benchmarks and one-shot CLI runs. Records are copied in and out,
 * so a caller mutating a record it holds cannot rewrite history.
 */
export class MemoryAuditStore implements AuditStore {
  private readonly records = new Map<string, AuditRecord>();

  constructor(initial: readonly AuditRecord[] = []) {
    for (const record of initial) {
      if (!this.records.has(record.id)) this.records.set(record.id, structuredClone(record));
    }
  }

  async append(records: AuditRecord[]): Promise<AppendResult> {
    const result: AppendResult = { inserted: [], duplicates: [] };
    for (const record of records) {
      if (this.records.has(record.id)) {
        result.duplicates.push(record);
      } else {
        this.records.set(record.id, structuredClone(record));
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
    return applyQuery(this.records.values(), query).map((record) => structuredClone(record));
  }

  /** Every record in insertion order (a convenience for tests). */
  all(): AuditRecord[] {
    return [...this.records.values()].map((record) => structuredClone(record));
  }

  get size(): number {
    return this.records.size;
  }
}
