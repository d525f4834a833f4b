import { createHash } from 'node:crypto';
import type { RecordRecommendation } from '../controls/recommendation';
import type { Json } from '../controls/types';

export type Trigger = 'event' | 'sweep' | 'cli' | 'undo';
export type Outcome = 'compliant' | 'fixed' | 'would-fix' | 'noncompliant' | 'exempt' | 'failed' | 'skipped' | 'undone';
export type EffectiveMode = 'enforce' | 'dry-run' | 'report';

export const OUTCOMES: readonly Outcome[] = ['compliant', 'fixed', 'would-fix', 'noncompliant', 'exempt', 'failed', 'skipped', 'undone'];
export const TRIGGERS: readonly Trigger[] = ['event', 'sweep', 'cli', 'undo'];

/** One record per resource × control × trigger. Field names are the contract in DESIGN.md. */
export interface AuditRecord {
  id: string;
  /** ISO-8601 UTC. */
  time: string;
  trigger: Trigger;
  eventId: string | null;
  correlationId: string | null;
  /** Who made the change that triggered this (from event claims); null when unknown. */
  actor: string | null;
  subscriptionId: string;
  resourceId: string;
  resourceType: string;
  control: string;
  outcome: Outcome;
  reason: string;
  /** Values of the patched paths before the fix (wire shape), or null. */
  before: Json | null;
  /** Values after the fix (or what dry-run would write), or null. */
  after: Json | null;
  /** True when a re-read after the write confirmed the control passes. */
  verified: boolean | null;
  mode: EffectiveMode;
  durationMs: number;
  /** transit-warden version that wrote the record. */
  version: string;
  /**
   * For `exempt` outcomes (and invalid exemptions noted on other outcomes): the tag values that
   * decided it. An addition to DESIGN.md's fields, so reviewers need not parse `reason`.
   */
  exemption?: ExemptionDetail | null;
  /**
   * The record's seal and its place in its resource's hash chain, set by the store when it appends
   * the record (whatever a caller puts here is replaced). Absent on records written before chaining:
   * `audit verify` reports those as unchained, not as tampered. See src/audit/integrity.ts.
   */
  integrity?: RecordIntegrity;
  /**
   * For `skipped` outcomes: why, as a code readers branch on (the reason is for people). An addition
   * to DESIGN.md's fields like `exemption`; absent on records written before it existed, which
   * skipCodeOf reads from their reason. Typed as text because a newer version may write a code this
   * one does not know; skipCodeOf is how readers get a SkipCode.
   */
  skipCode?: string | null;
  /**
   * The Defender for Cloud recommendation (assessment key and name) and Azure Policy definition ids
   * the control corresponds to for this resource (DESIGN.md's audit record), or null when neither
   * has one for it. Absent on records written before it existed.
   */
  recommendation?: RecordRecommendation | null;
}

/**
 * Why the engine skipped a control: it does not apply to the resource, the resource was gone when
 * re-read, a person undid the fix within the flap window, the fix keeps being undone (quarantine),
 * or the deployment's write budget is used up. The first two leave nothing to fix; the others hold
 * back a fix the resource still needs.
 */
export const SKIP_CODES = ['not-applicable', 'not-found', 'undone-recently', 'flapping', 'budget'] as const;
export type SkipCode = (typeof SKIP_CODES)[number];

/**
 * How the engine began each skip reason before records carried skipCode: the only place a reason's
 * text is read, and only for records without the field.
 */
const REASON_PREFIX_BEFORE_SKIP_CODES: readonly [string, SkipCode][] = [
  ['not applicable:', 'not-applicable'],
  ['resource not found when re-read', 'not-found'],
  ['undone by ', 'undone-recently'],
  ['flapping:', 'flapping'],
  ['budget:', 'budget'],
];

/** The skip code of a `skipped` record (undefined for other outcomes, or an old skip of no known kind). */
export function skipCodeOf(record: Pick<AuditRecord, 'outcome' | 'reason' | 'skipCode'>): SkipCode | undefined {
  if (record.outcome !== 'skipped') return undefined;
  if (record.skipCode !== undefined && record.skipCode !== null) return SKIP_CODES.find((code) => code === record.skipCode);
  return REASON_PREFIX_BEFORE_SKIP_CODES.find(([prefix]) => record.reason.startsWith(prefix))?.[1];
}

/**
 * Tamper evidence for one record. Each resource's records form a chain (`seq` 1, 2, …, each `prev`
 * naming the `hash` of the record before it), so a deleted record leaves a gap, an edited one no
 * longer matches its `hash`, and a forged one cannot take a place in the chain without the key.
 */
export interface RecordIntegrity {
  /** Format of this field. */
  v: 1;
  /** The chain: `r-` and 32 hex digits of sha256 of the lower-cased resource id (the table store's resource partition). */
  chain: string;
  /** Position in the chain, from 1. */
  seq: number;
  /** `hash` of the record at `seq - 1`; null at seq 1. */
  prev: string | null;
  /** `hmac-sha256` under the deployment's audit key, or `sha256` when the writer held no key. */
  alg: 'sha256' | 'hmac-sha256';
  /** For hmac-sha256, a fingerprint naming the key (never the key itself); null for sha256. */
  keyId: string | null;
  /** Hex digest of the canonical JSON of every other field of the record and of the fields above. */
  hash: string;
}

export interface ExemptionDetail {
  /** Where the winning tags were found. */
  source: 'resource' | 'resource-group';
  /** `*` or the comma-separated control ids from transit-warden-exempt. */
  scope: string;
  reason: string | null;
  /** YYYY-MM-DD (UTC, inclusive) or null when open-ended. */
  until: string | null;
  /** valid, lapsed (past until), or invalid (e.g. reason missing or shorter than 10 characters). */
  status: 'valid' | 'lapsed' | 'invalid';
}

/** A flap-quarantine record: the engine's guard skipped a fix that keeps being undone. */
export function isQuarantine(record: AuditRecord): boolean {
  return skipCodeOf(record) === 'flapping';
}

/**
 * A record of the engine writing to a resource: a fix, or a fix that was written but did not take
 * (`failed` with an `after`; a PATCH that failed outright leaves `after` empty). The flap and budget
 * rails count both, so a write that never takes cannot be repeated forever.
 */
export function isEngineWrite(record: AuditRecord): boolean {
  return record.outcome === 'fixed' || (record.outcome === 'failed' && record.trigger !== 'undo' && record.after !== null);
}

/**
 * Deterministic record id: the same trigger occurrence (event id, or sweep run id) for the same
 * resource and control always yields the same id, so a redelivered event collides instead of
 * duplicating. Resource ids are compared case-insensitively, as ARM does.
 */
export function recordIdFor(parts: { trigger: Trigger; occurrence: string; resourceId: string; control: string }): string {
  return createHash('sha256')
    .update([parts.trigger, parts.occurrence, parts.resourceId.toLowerCase(), parts.control].join('\n'))
    .digest('hex')
    .slice(0, 32);
}
