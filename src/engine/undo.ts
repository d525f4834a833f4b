import { randomUUID } from 'node:crypto';
import type { AuditRecord } from '../audit/record';
import { recordIdFor } from '../audit/record';
import type { AuditStore } from '../audit/store';
import { canonicalJson } from '../audit/canonical';
import { AUDIT_KEY_SETTING, type AuditKey } from '../audit/integrity';
import { verifyLog, type RecordVerdict } from '../audit/verify';
import type { ArmObject, ControlDefinition, JsonObject } from '../controls/types';
import { SELF, readPath } from '../controls/types';
import { isJsonObject } from '../core/json';
import { parseResourceId } from '../core/resource-id';
import { WardenError, describeError, isWardenError } from '../errors';
import { VERSION } from '../version';
import { leafPaths } from './patches';
import type { Clock, ResourceReader, ResourceWriter } from './ports';
import { TAGS } from './tags';
import { MIN_REASON_LENGTH } from './exemptions';

export interface UndoPorts {
  audit: AuditStore;
  reader: ResourceReader;
  writer: ResourceWriter;
  clock: Clock;
  catalog: readonly ControlDefinition[];
  /**
   * The deployment's audit key, to verify the record's seal with. With it, undo accepts only records
   * sealed under it; without it, a keyed record cannot be checked and is refused.
   */
  key?: AuditKey;
}

/** Why an undo was refused: `details.reason` of its UNDO_REFUSED error, printed by the CLI. */
export type UndoRefusal =
  | 'NOT_FOUND' // no record with that id
  | 'NOT_A_FIX' // the record is not `fixed`
  | 'UNKNOWN_CONTROL' // its control is not in this version's catalog
  | 'NO_VERIFIED_FIX' // the resource's history holds no verified fix behind it (a forged record)
  | 'UNCHAINED' // written before chaining: its content cannot be verified
  | 'UNVERIFIABLE' // sealed with a key this run does not hold
  | 'UNKEYED' // sealed without a key while this run holds one
  | 'TAMPERED' // the record, or its resource's history, fails verification
  | 'NO_VALUES' // no before/after to restore
  | 'PATH_NOT_OWNED' // before/after names a path the control's fix does not write
  | 'ALREADY_UNDONE'
  | 'UNSET_BEFORE' // a value that was absent before the fix cannot be PATCHed back
  | 'GONE' // the resource no longer exists
  | 'CHANGED_SINCE'; // the resource no longer holds what the fix wrote

const refuse = (reason: UndoRefusal, message: string): WardenError => new WardenError('UNDO_REFUSED', message, { reason });

/**
 * Restores the before-values of one `fixed` record: only the properties that fix changed, and only
 * while the resource still holds the values the fix wrote (otherwise someone changed it since, and
 * writing old values back could undo their change). Appends an `undone` record, which the engine
 * honours as a hold: it does not re-fix that resource × control within the flap window. To keep the
 * old value for longer, the resource needs an exemption tag.
 *
 * Nothing in the record is trusted until the log vouches for it: the record must be the one in its
 * resource's history, its seal and that whole history must verify, and its before/after may name
 * only paths the control's fix writes. Whatever the record says is otherwise what undo would PATCH.
 */
export async function undoFix(recordId: string, ports: UndoPorts, actor: string | null): Promise<AuditRecord> {
  const started = ports.clock.now().getTime();
  const record = await ports.audit.get(recordId);
  if (!record) throw refuse('NOT_FOUND', `no audit record with id ${recordId}`);
  if (record.outcome !== 'fixed') throw refuse('NOT_A_FIX', `record ${recordId} is ${record.outcome}, not fixed: only a fix can be undone`);
  const control = ports.catalog.find((c) => c.id === record.control);
  if (!control) throw refuse('UNKNOWN_CONTROL', `record ${recordId} names control ${record.control}, which this version does not know`);
  const history = await verifiedHistory(record, ports.audit, ports.key);
  if (!isJsonObject(record.before) || !isJsonObject(record.after)) throw refuse('NO_VALUES', `record ${recordId} carries no before/after values to restore`);
  const before = record.before;
  const after = record.after;
  const paths = ownedPaths(record, control, before, after);

  // A successful undo has a fixed id (one per fix); an attempt that failed does not block a retry.
  const undoId = recordIdFor({ trigger: 'undo', occurrence: record.id, resourceId: record.resourceId, control: record.control });
  const earlier = history.some((r) => r.id === undoId);
  // A success may sit under the fixed id or, after an earlier attempt held it, under its own id.
  const done = history.find((r) => r.outcome === 'undone' && r.correlationId === record.id && r.control === record.control);
  if (done) throw refuse('ALREADY_UNDONE', `record ${recordId} was already undone (record ${done.id})`);

  const unset = paths.filter((path) => readPath(before, path) === null || readPath(before, path) === undefined);
  if (unset.length > 0) {
    throw refuse('UNSET_BEFORE', `${unset.join(', ')} had no value before the fix; ARM cannot be PATCHed back to "unset", so undo would not restore it`);
  }

  const id = parseResourceId(record.resourceId);
  let snapshot: Awaited<ReturnType<ResourceReader['read']>>;
  try {
    snapshot = await ports.reader.read(id, [control.target]);
  } catch (err) {
    // Nothing to restore on a resource that is gone: a refusal, like any other "changed since".
    if (isWardenError(err, 'RESOURCE_NOT_FOUND')) throw refuse('GONE', `${record.resourceId} no longer exists, so there is nothing to restore: ${describeError(err)}`);
    throw err;
  }
  const current: ArmObject | undefined = control.target === SELF ? snapshot.resource : snapshot.documents[control.target];
  if (!current) throw refuse('GONE', `ARM returned no ${control.target} document for ${record.resourceId}`);
  const changed = paths.filter((path) => JSON.stringify(readPath(current, path)) !== JSON.stringify(readPath(after, path)));
  if (changed.length > 0) {
    const detail = changed.map((path) => `${path} is now ${JSON.stringify(readPath(current, path) ?? null)} (the fix set ${JSON.stringify(readPath(after, path))})`);
    throw refuse('CHANGED_SINCE', `the resource changed since the fix, so undo will not overwrite it: ${detail.join('; ')}`);
  }

  const body = control.restore ? control.restore(before) : before;
  const unowned = leafPaths(body).filter((path) => !(control.fixPaths ?? []).includes(path));
  if (unowned.length > 0) throw refuse('PATH_NOT_OWNED', `${control.id}'s restore would write ${unowned.join(', ')}, which its fix does not own`);
  let failure: string | null = null;
  try {
    const result = await ports.writer.patch(id, control.target, body);
    const notRestored = leafPaths(body).filter((path) => JSON.stringify(readPath(result, path)) !== JSON.stringify(readPath(body, path)));
    // Like a fix, an undo that did not take is failed, never `undone` (which would also hold off re-fixing).
    if (notRestored.length > 0) {
      failure = `ARM accepted the PATCH but still shows ${notRestored.map((path) => `${path} = ${JSON.stringify(readPath(result, path) ?? null)}`).join(', ')}`;
    }
  } catch (err) {
    failure = describeError(err);
  }
  const now = ports.clock.now();
  const undone: AuditRecord = {
    // A failed attempt is recorded under an id of its own, so it never blocks the retry; so is a
    // success after an earlier attempt that holds the fixed id (an older version recorded failures there).
    id: failure || earlier
      ? recordIdFor({ trigger: 'undo', occurrence: `${record.id}@${now.toISOString()}#${randomUUID()}`, resourceId: record.resourceId, control: record.control })
      : undoId,
    time: now.toISOString(),
    trigger: 'undo',
    eventId: null,
    correlationId: record.id,
    actor,
    subscriptionId: record.subscriptionId,
    resourceId: record.resourceId,
    resourceType: record.resourceType,
    control: record.control,
    outcome: failure ? 'failed' : 'undone',
    reason: failure
      ? `undo of record ${record.id} failed: ${failure}`
      : `undo of record ${record.id}: restored ${paths.join(', ')}. transit-warden holds off re-fixing it for the flap window; ` +
        `to keep it this way, tag the resource ${TAGS.exempt}=${record.control} with a ${TAGS.exemptReason} of at least ${MIN_REASON_LENGTH} characters`,
    before: after,
    after: body,
    verified: failure === null,
    mode: 'enforce',
    durationMs: Math.max(0, now.getTime() - started),
    version: VERSION,
    exemption: null,
    // The same control on the same resource: the recommendation of the record it undoes.
    recommendation: record.recommendation ?? null,
  };
  const { inserted } = await ports.audit.append([undone]);
  // A record that did not go in must not look like one that did (the hold and the history need it).
  if (inserted.length !== 1) throw new WardenError('AUDIT_STORE_FAILED', `undo of record ${record.id} (${undone.outcome}): its audit record ${undone.id} was not stored`);
  return inserted[0];
}

/**
 * The resource's whole history, once it vouches for `record`: the record is the one stored in that
 * history (the table store's point read could return a planted copy), its seal verifies (with the
 * key, when this run holds one: a plain sha256 seal can be made by anyone who can write the log),
 * and so does every other record and link of the history.
 *
 * Which reason a refusal gives: an edit is TAMPERED whatever else holds. A record the tool cannot be
 * shown to have written (unsealed, planted, sealed with another key or none) is NO_VERIFIED_FIX when
 * nothing else in the resource's history is a verified fix of that control either, which is what a
 * record forged for a resource the tool never fixed looks like; beside a verified fix it is refused
 * for what is wrong with it alone.
 */
async function verifiedHistory(record: AuditRecord, audit: AuditStore, key: AuditKey | undefined): Promise<AuditRecord[]> {
  const history = await audit.query({ resourceId: record.resourceId });
  const stored = history.find((r) => r.id === record.id);
  if (!stored) {
    throw refuse('NO_VERIFIED_FIX', `the log shows no fix ${record.id} in the history of ${record.resourceId}: the record was forged, or moved from another resource`);
  }
  if (!sameJson(stored, record)) {
    throw refuse('TAMPERED', `record ${record.id} differs from the copy in ${record.resourceId}'s history: one of them was edited`);
  }
  const report = verifyLog({ records: history, findings: [] }, key);
  const verdictOf = (r: AuditRecord): RecordVerdict => report.verdicts.get(r.id) ?? 'unchained';
  const trusted = (r: AuditRecord): boolean => verdictOf(r) === 'intact' && (!key || r.integrity?.alg === 'hmac-sha256');
  if (!trusted(record)) {
    const verdict = verdictOf(record);
    const finding = report.findings.find((f) => f.recordId === record.id)?.detail ?? 'see transit-warden audit verify';
    if (verdict === 'edited' || verdict === 'damaged' || verdict === 'deleted') {
      throw refuse('TAMPERED', `record ${record.id} fails verification (${verdict}): ${finding}; undo trusts nothing it says`);
    }
    const [reason, why]: [UndoRefusal, string] = verdict === 'unchained'
      ? ['UNCHAINED', `record ${record.id} carries no seal (written before chaining, or forged), so nothing shows the tool wrote it`]
      : verdict === 'unverifiable'
        ? ['UNVERIFIABLE', `record ${record.id} is sealed with audit key ${String(record.integrity?.keyId)}, which this run does not hold (set ${AUDIT_KEY_SETTING} from the deployment's Key Vault)`]
        : verdict === 'inserted'
          ? ['TAMPERED', `record ${record.id} fails verification (inserted): ${finding}`]
          : ['UNKEYED', `record ${record.id} is sealed without an audit key, but this run holds one (${key?.id ?? ''}): anyone who can write the log could have made it; unset ${AUDIT_KEY_SETTING} only if the log was never keyed`];
    // Without any key nothing keyed can vouch: the missing key is the reason, not a forgery.
    if (reason === 'UNVERIFIABLE' && !key) throw refuse(reason, why);
    const vouched = history.some((r) => r.outcome === 'fixed' && r.control === record.control && trusted(r));
    if (!vouched) throw refuse('NO_VERIFIED_FIX', `the log shows no verified fix of ${record.control} on ${record.resourceId}: ${why}`);
    throw refuse(reason, why);
  }
  if (!report.intact) {
    const first = report.findings[0];
    throw refuse('TAMPERED', `the audit history of ${record.resourceId} fails verification, so none of it is trusted: ${first ? `${first.kind}: ${first.detail}` : 'see transit-warden audit verify'}`);
  }
  return history;
}

function sameJson(a: AuditRecord, b: AuditRecord): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false; // nested too deep to walk: not what the tool wrote
  }
}

/**
 * The paths undo will write: exactly those the fix set (after), each one the control's fix owns,
 * and the same ones in before. A wider before would PATCH a property the fix never touched.
 */
function ownedPaths(record: AuditRecord, control: ControlDefinition, before: JsonObject, after: JsonObject): string[] {
  const owned = new Set(control.fixPaths ?? []);
  const afterPaths = leafPaths(after);
  const beforePaths = leafPaths(before);
  const foreign = [...new Set([...beforePaths, ...afterPaths])].filter((path) => !owned.has(path));
  if (foreign.length > 0) {
    throw refuse('PATH_NOT_OWNED', `record ${record.id} names ${foreign.join(', ')}, which the ${control.id} fix never writes (it owns ${[...owned].join(', ') || 'nothing'}): undo restores only what the fix changed`);
  }
  const unmatched = beforePaths.filter((path) => !afterPaths.includes(path));
  if (unmatched.length > 0 || beforePaths.length !== afterPaths.length) {
    throw refuse('PATH_NOT_OWNED', `record ${record.id}'s before names other paths than its after (${beforePaths.join(', ')} vs ${afterPaths.join(', ')}): undo restores only what the fix changed`);
  }
  return afterPaths;
}
