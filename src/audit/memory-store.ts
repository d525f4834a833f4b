import { cloneJson } from '../core/json';
import { ChainHeads, sealRecord, type AuditKey } from './integrity';
import { applyQuery, queryPredicate } from './query';
import type { AuditRecord } from './record';
import type { AppendResult, AuditQuery, AuditStore, SealingOptions } from './store';
import type { StoredLog } from './verify';

/**
 * An in-process audit store for tests, benchmarks and one-shot CLI runs. Records are copied in and out,
 * so a caller mutating a record it holds cannot rewrite history. Appends are sealed into their
 * resource's chain; one process is the only writer, so the heads it keeps are always current.
 */
export class MemoryAuditStore implements AuditStore {
  private readonly records = new Map<string, AuditRecord>();
  private readonly heads = new ChainHeads();
  private readonly key: AuditKey | undefined;
  // The engine's guards ask for one resource's history and for one outcome in a window on every
  // planned fix; indexes, kept in time order, let those queries and counts binary-search the window
  // instead of walking the whole log (a 10,000-resource sweep otherwise goes quadratic).
  private readonly byResource = new Map<string, AuditRecord[]>();
  private readonly byOutcome = new Map<string, AuditRecord[]>();

  /** `initial` records are taken as they are (sealed or not): they stand for a log written before. */
  constructor(initial: readonly AuditRecord[] = [], options: SealingOptions = {}) {
    this.key = options.key;
    for (const record of initial) {
      if (!this.records.has(record.id)) this.store(cloneJson(record));
    }
  }

  private store(record: AuditRecord): void {
    this.records.set(record.id, record);
    this.heads.observe(record);
    const resource = record.resourceId.toLowerCase();
    const history = this.byResource.get(resource);
    if (history) insertByTime(history, record);
    else this.byResource.set(resource, [record]);
    const outcome = this.byOutcome.get(record.outcome);
    if (outcome) insertByTime(outcome, record);
    else this.byOutcome.set(record.outcome, [record]);
  }

  async append(records: AuditRecord[]): Promise<AppendResult> {
    const result: AppendResult = { inserted: [], duplicates: [] };
    for (const record of records) {
      if (this.records.has(record.id)) {
        result.duplicates.push(record);
      } else {
        const sealed = sealRecord(cloneJson(record), this.heads.next(record.resourceId), this.key);
        this.store(sealed);
        result.inserted.push(cloneJson(sealed));
      }
    }
    return result;
  }

  async has(id: string): Promise<boolean> {
    return this.records.has(id);
  }

  async get(id: string): Promise<AuditRecord | undefined> {
    const record = this.records.get(id);
    return record === undefined ? undefined : cloneJson(record);
  }

  async query(query: AuditQuery): Promise<AuditRecord[]> {
    const { records, from, to } = this.candidates(query);
    return applyQuery(from === 0 && to === records.length ? records : records.slice(from, to), query).map((record) => cloneJson(record));
  }

  /** How many records match, without copying them (the guards only need the number). */
  async count(query: AuditQuery): Promise<number> {
    const { records, from, to, exact } = this.candidates(query);
    let n = 0;
    if (exact) n = to - from;
    else {
      const matches = queryPredicate(query);
      for (let i = from; i < to; i++) if (matches(records[i])) n += 1;
    }
    return query.limit === undefined ? n : Math.min(n, query.limit);
  }

  /**
   * The records a query can match: an index when the query pins one, cut to its time window.
   * `exact` when every one of them matches — the query filters on nothing but the index key and a
   * full time window — so the write-budget count is two binary searches, not a walk over the hour.
   */
  private candidates(query: AuditQuery): { records: readonly AuditRecord[]; from: number; to: number; exact: boolean } {
    const byResource = query.resourceId !== undefined;
    const index = byResource ? (this.byResource.get(query.resourceId?.toLowerCase() ?? '') ?? [])
      : query.outcome !== undefined ? (this.byOutcome.get(query.outcome) ?? [])
        : undefined;
    if (!index) {
      const all = [...this.records.values()];
      return { records: all, from: 0, to: all.length, exact: false };
    }
    // applyQuery still checks every bound, so an unparsable one just means no cut (and not exact).
    const since = query.since === undefined ? Number.NaN : Date.parse(query.since);
    const until = query.until === undefined ? Number.NaN : Date.parse(query.until);
    const from = Number.isNaN(since) ? 0 : firstAtOrAfter(index, since);
    const to = Number.isNaN(until) ? index.length : firstAtOrAfter(index, until);
    const otherFilters = query.resource !== undefined || query.control !== undefined || (byResource && query.outcome !== undefined);
    const timeExact = (query.since === undefined && query.until === undefined) || (!Number.isNaN(since) && !Number.isNaN(until));
    return { records: index, from, to, exact: !otherFilters && timeExact };
  }

  async scan(): Promise<StoredLog> {
    return { records: this.all(), findings: [] };
  }

  /** Every record in insertion order (a convenience for tests). */
  all(): AuditRecord[] {
    return [...this.records.values()].map((record) => cloneJson(record));
  }

  get size(): number {
    return this.records.size;
  }
}

/** A record's time in ms; an unreadable time sorts first (query bounds are validated ISO instants). */
function timeOf(record: AuditRecord): number {
  const ms = Date.parse(record.time);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** Index of the first record at or after `ms` in a list ordered by time. */
function firstAtOrAfter(list: readonly AuditRecord[], ms: number): number {
  return firstWhere(list, (time) => time >= ms);
}

/** In a list ordered by time, the first index whose time satisfies `reached` (false before it, true from it on). */
function firstWhere(list: readonly AuditRecord[], reached: (time: number) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (reached(timeOf(list[mid]))) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Records mostly arrive in time order: append, or insert after every record of the same or earlier time. */
function insertByTime(list: AuditRecord[], record: AuditRecord): void {
  const ms = timeOf(record);
  if (list.length === 0 || timeOf(list[list.length - 1]) <= ms) list.push(record);
  else list.splice(firstWhere(list, (time) => time > ms), 0, record);
}
