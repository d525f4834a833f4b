import type { AuditKey } from './integrity';
import type { AuditRecord, Outcome } from './record';
import type { StoredLog } from './verify';

export interface AuditQuery {
  /** Substring of the resource id, case-insensitive. */
  resource?: string;
  /**
   * One exact resource id, compared case-insensitively (as ARM does). Unlike `resource` it does not
   * match child resources (slots) or ids that merely contain it; table stores answer it from one partition.
   */
  resourceId?: string;
  control?: string;
  outcome?: Outcome;
  /** Inclusive ISO-8601 lower bound on `time`. */
  since?: string;
  /** Exclusive ISO-8601 upper bound on `time`. */
  until?: string;
  /** Keep only the newest `limit` matches (like `tail`); the result is still oldest first. */
  limit?: number;
}

export interface AppendResult {
  /** Records written now, as stored: sealed (with `integrity`). */
  inserted: AuditRecord[];
  /** Records whose id was already present (a redelivery): nothing was written for them. */
  duplicates: AuditRecord[];
}

/**
 * Append-only audit store. Implementations never update or delete a record, and seal each record
 * into its resource's chain as they append it (src/audit/integrity.ts).
 */
export interface AuditStore {
  append(records: AuditRecord[]): Promise<AppendResult>;
  /** True when a record with this id exists (used to make redelivered events a no-op). */
  has(id: string): Promise<boolean>;
  get(id: string): Promise<AuditRecord | undefined>;
  /** Records matching the query, oldest first. */
  query(query: AuditQuery): Promise<AuditRecord[]>;
  /** How many records match; stores that can count without fetching records implement it. */
  count?(query: AuditQuery): Promise<number>;
  /** Every stored record and every copy problem the store can see, for `audit verify` (reads the whole log). */
  scan?(): Promise<StoredLog>;
}

export interface SealingOptions {
  /** Seal with HMAC-SHA256 under this key; without it records are chained with plain sha256. */
  key?: AuditKey;
}

/** `store.count` where the store has it, else the length of the query's answer. */
export async function countRecords(store: AuditStore, query: AuditQuery): Promise<number> {
  return store.count ? store.count(query) : (await store.query(query)).length;
}
