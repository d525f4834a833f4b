/**
 * `audit verify`: checks the chains of a stored log and names what is wrong.
 *
 * Failures (exit 1):
 * - edited: a record no longer matches its seal, or two stored copies of it differ.
 * - deleted: a gap in a chain (a `seq` missing), or a copy or chain slot left behind by a record
 *   that is gone.
 * - inserted: a record that no append put there: a second record at a taken position whose seal
 *   fails, an unsealed record dated after its resource's chain began, a record sealed for another
 *   resource's chain, one that does not link to the record before it, one without a chain slot
 *   (table), a second line for an id with other content, or a plain-sha256 record after a keyed
 *   one in the same chain (a downgrade).
 * - unverifiable: sealed with a key the verifier does not hold.
 * - damaged: a line or entity that is not a readable record.
 * Notes (exit 0): unchained records written before chaining, forks (two valid records at one
 * position: writers that raced, which only the JSONL store shared by two processes allows), and
 * lines repeating a record exactly.
 *
 * What no chain can show: records deleted from the end of a chain, or a whole chain deleted. The
 * report lists each chain's head (last seq and hash) so a later run can be compared with it.
 */
import { checkSeal, chainOf, type AuditKey, type SealCheck } from './integrity';
import { canonicalJson } from './canonical';
import type { AuditRecord, RecordIntegrity } from './record';

export type FindingKind = 'edited' | 'deleted' | 'inserted' | 'unverifiable' | 'damaged';
export type NoteKind = 'unchained' | 'fork' | 'duplicate';

export interface IntegrityFinding {
  kind: FindingKind;
  detail: string;
  recordId?: string;
  resourceId?: string;
  chain?: string;
  seq?: number;
}

export interface IntegrityNote {
  kind: NoteKind;
  detail: string;
  recordId?: string;
  chain?: string;
  seq?: number;
}

/** What a store hands the verifier: every record copy it treats as the record, plus what only it can see. */
export interface StoredLog {
  /** In store order; a JSONL file's repeated ids are all here. */
  records: AuditRecord[];
  /** Problems in the store's own layout (damaged lines, table copies that differ or are missing). */
  findings: IntegrityFinding[];
}

export interface ChainHead {
  chain: string;
  resourceId: string;
  records: number;
  seq: number;
  hash: string;
}

/** How one record fared: `intact` (sealed, valid, linked), `unchained`, or the finding it earned. */
export type RecordVerdict = 'intact' | 'unchained' | FindingKind;

export interface VerifyReport {
  intact: boolean;
  /** Whether the verifier held a key (only then are hmac-sha256 seals checked). */
  keyId: string | null;
  records: number;
  sealed: number;
  unchained: number;
  /** Sealed with plain sha256 (the writer held no key): protected against edits, not against forgery. */
  unkeyed: number;
  findings: IntegrityFinding[];
  notes: IntegrityNote[];
  heads: ChainHead[];
  /** Per record id; for undo, which trusts only `intact`. */
  verdicts: Map<string, RecordVerdict>;
}

interface Entry {
  record: AuditRecord;
  check: SealCheck;
  seal: RecordIntegrity | undefined;
}

export function verifyLog(log: StoredLog, key: AuditKey | undefined): VerifyReport {
  const findings: IntegrityFinding[] = [];
  const notes: IntegrityNote[] = [];
  const verdicts = new Map<string, RecordVerdict>();
  const fail = (finding: IntegrityFinding): void => {
    findings.push(finding);
    if (finding.recordId !== undefined) verdicts.set(finding.recordId, finding.kind);
  };
  for (const finding of log.findings) fail(finding);

  // One entry per id: the first copy. A later copy is a note when identical, else an insertion.
  const first = new Map<string, Entry>();
  const chains = new Map<string, Entry[]>();
  const unchained: AuditRecord[] = [];
  let unkeyed = 0;
  const unverifiableByKey = new Map<string, number>();
  for (const record of log.records) {
    const earlier = first.get(record.id);
    if (earlier) {
      if (sameContent(earlier.record, record)) {
        notes.push({ kind: 'duplicate', recordId: record.id, detail: `record ${record.id} is stored twice with the same content; readers keep one` });
      } else {
        fail({ kind: 'inserted', recordId: record.id, resourceId: record.resourceId, detail: `a second record with id ${record.id} and different content (readers keep the first)` });
      }
      continue;
    }
    const check = checkSeal(record, key);
    // A seal too broken to say where it belongs is an edit; one that still names its position is
    // checked there, so a forged record at a taken position is told from an edited one.
    const positioned = check !== 'unchained' && (check !== 'invalid' || hasPosition(record));
    const entry: Entry = { record, check, seal: positioned ? record.integrity : undefined };
    first.set(record.id, entry);
    if (!verdicts.has(record.id)) verdicts.set(record.id, check === 'unchained' ? 'unchained' : 'intact');
    if (check === 'unchained') {
      unchained.push(record);
      continue;
    }
    if (!entry.seal) {
      fail({ kind: 'edited', recordId: record.id, resourceId: record.resourceId, detail: `record ${record.id} carries a malformed seal` });
      continue;
    }
    if (entry.seal.alg === 'sha256') unkeyed += 1;
    if (check === 'unverifiable') {
      const keyId = String(entry.seal.keyId);
      unverifiableByKey.set(keyId, (unverifiableByKey.get(keyId) ?? 0) + 1);
      verdicts.set(record.id, 'unverifiable');
    }
    const list = chains.get(entry.seal.chain);
    if (list) list.push(entry);
    else chains.set(entry.seal.chain, [entry]);
  }
  for (const [keyId, count] of unverifiableByKey) {
    findings.push({
      kind: 'unverifiable',
      detail: key
        ? `${count} record(s) are sealed with audit key ${keyId}, not with the key given (${key.id})`
        : `${count} record(s) are sealed with audit key ${keyId}; set TRANSIT_WARDEN_AUDIT_KEY to verify them`,
    });
  }

  const heads: ChainHead[] = [];
  const chainStart = new Map<string, number>();
  for (const [chain, entries] of chains) {
    const head = checkChain(chain, entries, fail, notes);
    heads.push(head);
    const starts = entries.map((e) => Date.parse(e.record.time)).filter((ms) => !Number.isNaN(ms));
    if (starts.length > 0) chainStart.set(chain, minOf(starts));
  }

  for (const record of unchained) {
    const chain = chainOf(record.resourceId);
    const start = chainStart.get(chain);
    const ms = Date.parse(record.time);
    if (start !== undefined && !Number.isNaN(ms) && ms >= start) {
      fail({ kind: 'inserted', recordId: record.id, resourceId: record.resourceId, chain, detail: `record ${record.id} is unsealed but dated ${record.time}, after ${record.resourceId}'s chain began (records are sealed since then)` });
    }
  }
  if (unchained.length > 0) {
    notes.push({ kind: 'unchained', detail: `${unchained.length} record(s) carry no seal (written before chaining); they are read as they are, and undo refuses them` });
  }

  heads.sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
  return {
    intact: findings.length === 0,
    keyId: key?.id ?? null,
    records: log.records.length,
    sealed: first.size - unchained.length,
    unchained: unchained.length,
    unkeyed,
    findings,
    notes,
    heads,
    verdicts,
  };
}

/** Checks one chain's positions and links; returns its head. */
function checkChain(
  chain: string,
  entries: Entry[],
  fail: (finding: IntegrityFinding) => void,
  notes: IntegrityNote[],
): ChainHead {
  const bySeq = new Map<number, Entry[]>();
  for (const entry of entries) {
    const seq = (entry.seal as RecordIntegrity).seq;
    const list = bySeq.get(seq);
    if (list) list.push(entry);
    else bySeq.set(seq, [entry]);
  }
  const seqs = [...bySeq.keys()].sort((a, b) => a - b);
  const resourceId = entries[0].record.resourceId;
  const linkedBy = new Set<string>();
  for (const entry of entries) if (entry.seal?.prev) linkedBy.add(entry.seal.prev);
  let keyedSeen = false;
  let previous = 0;
  for (const seq of seqs) {
    if (seq > previous + 1) {
      const missing = seq - previous - 1;
      fail({
        kind: 'deleted', chain, resourceId, seq: previous + 1,
        detail: missing === 1
          ? `record seq ${previous + 1} of ${resourceId}'s chain is missing (deleted)`
          : `records seq ${previous + 1}–${seq - 1} of ${resourceId}'s chain are missing (${missing} deleted)`,
      });
    }
    previous = seq;
    const here = bySeq.get(seq) ?? [];
    const validHere = here.filter((e) => e.check === 'valid');
    const before = bySeq.get(seq - 1);
    for (const entry of here) {
      const { record } = entry;
      const seal = entry.seal as RecordIntegrity;
      const where = { recordId: record.id, resourceId: record.resourceId, chain, seq };
      if (entry.check === 'invalid') {
        if (validHere.length > 0) {
          fail({ ...where, kind: 'inserted', detail: `record ${record.id} claims seq ${seq} of ${record.resourceId}'s chain, which record ${validHere[0].record.id} holds, and its seal does not verify` });
        } else {
          const vouched = linkedBy.has(seal.hash);
          fail({ ...where, kind: 'edited', detail: `record ${record.id} (seq ${seq} of ${record.resourceId}'s chain) no longer matches its seal${vouched ? '' : ' (edited, or forged: no later record links to it)'}` });
        }
        continue;
      }
      if (chainOf(record.resourceId) !== chain) {
        fail({ ...where, kind: 'inserted', detail: `record ${record.id} names ${record.resourceId} but is sealed into another resource's chain` });
        continue;
      }
      if (seal.alg === 'hmac-sha256') keyedSeen = true;
      else if (keyedSeen) {
        fail({ ...where, kind: 'inserted', detail: `record ${record.id} is sealed without a key after keyed records of the same chain (a downgrade)` });
        continue;
      }
      // The link: seq 1 starts the chain; otherwise prev must name a record one position earlier
      // (when that position is missing the gap is reported already).
      if (seq > 1 && before && !before.some((e) => e.seal?.hash === seal.prev)) {
        fail({ ...where, kind: 'inserted', detail: `record ${record.id} (seq ${seq}) does not link to the record before it in ${record.resourceId}'s chain: a record was inserted or replaced there` });
      }
    }
    if (validHere.length > 1) {
      notes.push({ kind: 'fork', chain, seq, detail: `${validHere.length} records at seq ${seq} of ${resourceId}'s chain (${validHere.map((e) => e.record.id).join(', ')}): writers that appended at the same moment` });
    }
  }
  const last = bySeq.get(previous) ?? [];
  return { chain, resourceId, records: entries.length, seq: previous, hash: (last[0]?.seal as RecordIntegrity | undefined)?.hash ?? '' };
}

function hasPosition(record: AuditRecord): boolean {
  const seal: unknown = record.integrity;
  if (seal === null || typeof seal !== 'object') return false;
  const s = seal as Record<string, unknown>;
  return typeof s.chain === 'string' && typeof s.seq === 'number' && Number.isSafeInteger(s.seq) && s.seq >= 1 && typeof s.hash === 'string';
}

function sameContent(a: AuditRecord, b: AuditRecord): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

function minOf(values: readonly number[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const value of values) if (value < min) min = value;
  return min;
}
