import type { RecordRecommendation } from '../controls/recommendation';
import type { Json } from '../controls/types';
import type { AuditRecord, ExemptionDetail } from './record';

/**
 * Reading a record someone else wrote. A JSONL audit file is plain text anyone with access can edit,
 * and an older or newer version may have written it, so a line can be any JSON. The fields every
 * reader keys on (id, time, resourceId, control, outcome) must be strings or the line is not a record;
 * every other field of the wrong type is repaired to a value of the right type and named, so `audit`,
 * the review page and undo show the record (and say what was odd about it) instead of crashing on
 * `reason.replace` or `actor.toLowerCase`. Unknown enum strings (an outcome from a newer version) are
 * kept: readers already treat them as unknown. Fields this version does not know are kept as they are.
 */
export interface ReadRecord {
  record: AuditRecord;
  /** The fields that did not have their type, each with what it was, e.g. `reason (a number)`. */
  repaired: string[];
}

const KEY_FIELDS = ['id', 'time', 'resourceId', 'control', 'outcome'] as const;
const TEXT_FIELDS = ['trigger', 'subscriptionId', 'resourceType', 'reason', 'mode', 'version'] as const;
const NULLABLE_TEXT_FIELDS = ['eventId', 'correlationId', 'actor'] as const;

export function readRecord(value: unknown): ReadRecord | undefined {
  if (!isObject(value)) return undefined;
  if (!KEY_FIELDS.every((field) => typeof value[field] === 'string') || value.id === '') return undefined;
  const repaired: string[] = [];
  const fields: Record<string, unknown> = { ...value };
  const repair = (field: string, to: unknown): void => {
    repaired.push(`${field} (${kindOf(value[field])})`);
    fields[field] = to;
  };
  for (const field of TEXT_FIELDS) {
    if (typeof value[field] !== 'string') repair(field, jsonText(value[field]));
  }
  for (const field of NULLABLE_TEXT_FIELDS) {
    const v = value[field];
    if (v === undefined) fields[field] = null;
    else if (v !== null && typeof v !== 'string') repair(field, jsonText(v));
  }
  for (const field of ['before', 'after'] as const) {
    if (value[field] === undefined) fields[field] = null;
  }
  const verified = value.verified;
  if (verified === undefined) fields.verified = null;
  else if (verified !== null && typeof verified !== 'boolean') repair('verified', null);
  const durationMs = value.durationMs;
  if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < 0) repair('durationMs', 0);
  const exemption = value.exemption;
  if (exemption !== undefined && exemption !== null && !isExemptionDetail(exemption)) repair('exemption', null);
  // A code this version does not know (a newer writer's) is kept, as outcomes are: skipCodeOf treats it as unknown.
  const skipCode = value.skipCode;
  if (skipCode !== undefined && skipCode !== null && typeof skipCode !== 'string') repair('skipCode', null);
  const recommendation = value.recommendation;
  if (recommendation !== undefined && recommendation !== null && !isRecordRecommendation(recommendation)) repair('recommendation', null);
  return { record: fields as unknown as AuditRecord, repaired };
}

/** The recommendation the engine writes: an assessment key or null, a name and policy definition ids. */
export function isRecordRecommendation(value: unknown): value is RecordRecommendation {
  if (!isObject(value)) return false;
  return (value.assessmentKey === null || typeof value.assessmentKey === 'string')
    && typeof value.name === 'string'
    && Array.isArray(value.policyDefinitionIds)
    && value.policyDefinitionIds.every((id) => typeof id === 'string');
}

/** The exemption detail the engine writes: where the tags were found and what they said. */
export function isExemptionDetail(value: unknown): value is ExemptionDetail {
  if (!isObject(value)) return false;
  const nullableText = (v: unknown): boolean => v === null || typeof v === 'string';
  return (value.source === 'resource' || value.source === 'resource-group')
    && typeof value.scope === 'string'
    && nullableText(value.reason)
    && nullableText(value.until)
    && (value.status === 'valid' || value.status === 'lapsed' || value.status === 'invalid');
}

/** Warning text for a repaired record, naming the record and each field. */
export function describeRepair(id: string, repaired: readonly string[]): string {
  return `record ${id}: ${repaired.join(', ')} not of the audit record's type, shown repaired (text as its JSON, otherwise null or 0)`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Text for a non-text value: its JSON, so nothing it held is hidden (undefined, when missing, is empty). */
function jsonText(value: unknown): string {
  return value === undefined ? '' : (JSON.stringify(value as Json) ?? '');
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
