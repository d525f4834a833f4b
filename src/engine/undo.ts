import { randomUUID } from 'node:crypto';
import type { AuditRecord } from '../audit/record';
import { recordIdFor } from '../audit/record';
import type { AuditStore } from '../audit/store';
import type { ArmObject, ControlDefinition } from '../controls/types';
import { SELF, isJsonObject, readPath } from '../controls/types';
import { parseResourceId } from '../azure/resource-id';
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
}

const refuse = (message: string): WardenError => new WardenError('UNDO_REFUSED', message);

/**
 * Restores the before-values of one `fixed` record: only the properties that fix changed, and only
 * while the resource still holds the values the fix wrote (otherwise someone changed it since, and
 * writing old values back could undo their change). Appends an `undone` record, which the engine
 * honours as a hold: it does not re-fix that resource × control within the flap window. To keep the
 * old value for longer, the resource needs an exemption tag.
 */
export async function undoFix(recordId: string, ports: UndoPorts, actor: string | null): Promise<AuditRecord> {
  const started = ports.clock.now().getTime();
  const record = await ports.audit.get(recordId);
  if (!record) throw refuse(`no audit record with id ${recordId}`);
  if (record.outcome !== 'fixed') throw refuse(`record ${recordId} is ${record.outcome}, not fixed: only a fix can be undone`);
  const control = ports.catalog.find((c) => c.id === record.control);
  if (!control) throw refuse(`record ${recordId} names control ${record.control}, which this version does not know`);
  if (!isJsonObject(record.before) || !isJsonObject(record.after)) throw refuse(`record ${recordId} carries no before/after values to restore`);
  const before = record.before;
  const after = record.after;

  // A successful undo has a fixed id (one per fix); an attempt that failed does not block a retry.
  const undoId = recordIdFor({ trigger: 'undo', occurrence: record.id, resourceId: record.resourceId, control: record.control });
  const earlier = await ports.audit.get(undoId);
  // A success may sit under the fixed id or, after an earlier attempt held it, under its own id.
  const history = await ports.audit.query({ resourceId: record.resourceId, control: record.control, since: record.time });
  const done = history.find((r) => r.outcome === 'undone' && r.correlationId === record.id);
  if (done) throw refuse(`record ${recordId} was already undone (record ${done.id})`);

  const paths = leafPaths(after);
  const unset = paths.filter((path) => readPath(before, path) === null || readPath(before, path) === undefined);
  if (unset.length > 0) {
    throw refuse(`${unset.join(', ')} had no value before the fix; ARM cannot be PATCHed back to "unset", so undo would not restore it`);
  }

  const id = parseResourceId(record.resourceId);
  let snapshot: Awaited<ReturnType<ResourceReader['read']>>;
  try {
    snapshot = await ports.reader.read(id, [control.target]);
  } catch (err) {
    // Nothing to restore on a resource that is gone: a refusal, like any other "changed since".
    if (isWardenError(err, 'RESOURCE_NOT_FOUND')) throw refuse(`${record.resourceId} no longer exists, so there is nothing to restore: ${describeError(err)}`);
    throw err;
  }
  const current: ArmObject | undefined = control.target === SELF ? snapshot.resource : snapshot.documents[control.target];
  if (!current) throw refuse(`ARM returned no ${control.target} document for ${record.resourceId}`);
  const changed = paths.filter((path) => JSON.stringify(readPath(current, path)) !== JSON.stringify(readPath(after, path)));
  if (changed.length > 0) {
    const detail = changed.map((path) => `${path} is now ${JSON.stringify(readPath(current, path) ?? null)} (the fix set ${JSON.stringify(readPath(after, path))})`);
    throw refuse(`the resource changed since the fix, so undo will not overwrite it: ${detail.join('; ')}`);
  }

  let failure: string | null = null;
  try {
    const result = await ports.writer.patch(id, control.target, before);
    const notRestored = paths.filter((path) => JSON.stringify(readPath(result, path)) !== JSON.stringify(readPath(before, path)));
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
    after: before,
    verified: failure === null,
    mode: 'enforce',
    durationMs: Math.max(0, now.getTime() - started),
    version: VERSION,
    exemption: null,
  };
  const { inserted } = await ports.audit.append([undone]);
  // A record that did not go in must not look like one that did (the hold and the history need it).
  if (inserted.length !== 1) throw new WardenError('AUDIT_STORE_FAILED', `undo of record ${record.id} (${undone.outcome}): its audit record ${undone.id} was not stored`);
  return undone;
}
