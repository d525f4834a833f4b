import { createHash } from 'node:crypto';
import type { AuditRecord } from '../audit/record';
import type { AuditStore } from '../audit/store';
import { runControl } from '../controls/run';
import { SELF, type ArmObject, type ControlDefinition, type ControlTarget, type JsonObject } from '../controls/types';
import type { ResourceId } from '../core/resource-id';
import { describeError, isTransientArmError, isWardenError } from '../errors';
import { valuesAt } from './patches';
import type { Clock, IntentStore, ResourceReader, WriteIntent } from './ports';

/** The intent group of one write: derived from its record ids, so every attempt at it finds the same one. */
export function intentGroup(recordIds: readonly string[]): string {
  return createHash('sha256').update([...recordIds].sort().join('\n')).digest('hex').slice(0, 32);
}

export function intentId(group: string, step: WriteIntent['step']): string {
  return `${group}-${step}`;
}

export interface ReconcileDeps {
  reader: ResourceReader;
  audit: AuditStore;
  intents: IntentStore;
  clock: Clock;
  /** Control definitions by id (the intent names controls; their verdicts decide the records). */
  controls: ReadonlyMap<string, ControlDefinition>;
}

export interface Reconciliation {
  /** Records to append: the outcomes of writes an earlier attempt made but did not record. */
  records: AuditRecord[];
  /** Intents to close once those records are stored (including ones whose records already were). */
  settled: WriteIntent[];
}

/**
 * Completes the writes an earlier attempt left open: it recorded an intent, so it was about to send
 * (or sent) a PATCH or a restart, and then died — `kill -9`, a recycled worker, a store that failed
 * before the records were in. This only reads: it never sends the PATCH or the restart again. What
 * ARM holds now decides each record: `fixed` and verified when the control passes, `failed`
 * otherwise, with `after` what was (to be) sent either way, so the rails count the write.
 *
 * Called with the resource's lease held, so no live evaluation is still working on these intents
 * (a live holder renews its lease; only a dead one's lease can be taken over). A transient ARM
 * failure on the read-back is thrown: the intents stay open for the next attempt.
 */
export async function reconcileIntents(deps: ReconcileDeps, id: ResourceId, open: readonly WriteIntent[]): Promise<Reconciliation> {
  const result: Reconciliation = { records: [], settled: [] };
  if (open.length === 0) return result;
  // A write's PATCH intent and its restart intent share a group; the later step says how far it got.
  const groups = new Map<string, WriteIntent[]>();
  for (const intent of open) {
    const group = groups.get(intent.group);
    if (group) group.push(intent);
    else groups.set(intent.group, [intent]);
  }
  for (const intents of groups.values()) {
    const last = intents.find((i) => i.step === 'restart') ?? intents[intents.length - 1];
    const stored = await Promise.all(last.records.map((r) => deps.audit.has(r.id)));
    const missing = last.records.filter((_, i) => !stored[i]);
    if (missing.length > 0) {
      const readBack = await readTarget(deps.reader, id, last.target);
      for (const template of missing) result.records.push(complete(deps, template, last, readBack));
    }
    for (const intent of intents) result.settled.push(intent);
  }
  return result;
}

type ReadBack = { document: ArmObject; resource: ArmObject } | { problem: string };

async function readTarget(reader: ResourceReader, id: ResourceId, target: ControlTarget): Promise<ReadBack> {
  try {
    const snapshot = await reader.read(id, [target]);
    const document = target === SELF ? snapshot.resource : snapshot.documents[target];
    return document ? { document, resource: snapshot.resource } : { problem: `ARM returned no ${target} document` };
  } catch (err) {
    if (isTransientArmError(err)) throw err;
    if (isWardenError(err, 'RESOURCE_NOT_FOUND')) return { problem: `the resource is gone (deleted since?): ${describeError(err)}` };
    return { problem: `reading it back failed: ${describeError(err)}` };
  }
}

function complete(deps: ReconcileDeps, template: AuditRecord, intent: WriteIntent, readBack: ReadBack): AuditRecord {
  const now = deps.clock.now();
  const interrupted = `an earlier attempt (${intent.holder}) recorded its intent to ${intent.step === 'restart' ? 'restart the server for' : 'send'} this fix at ${intent.time} and stopped before its record`;
  const record: AuditRecord = {
    ...template,
    time: now.toISOString(),
    durationMs: Math.max(0, template.durationMs + now.getTime() - Date.parse(intent.time)),
  };
  const control = deps.controls.get(template.control);
  if ('problem' in readBack || !control) {
    const problem = 'problem' in readBack ? readBack.problem : `control ${template.control} is not in this version's catalog`;
    return { ...record, outcome: 'failed', verified: null, reason: `${template.reason}; ${interrupted}, and ${problem}: the value may be stored — check the resource` };
  }
  const { document, resource } = readBack;
  const holds = sameJson(valuesAt(document, intent.body), intent.body);
  const verdict = runControl(control, document, resource);
  if (verdict.status === 'pass') {
    const pending = control.pendingRestart?.(document) === true && !control.fixNeedsRestart
      ? '; ARM reports isConfigPendingRestart: it takes effect after the next server restart' : '';
    return { ...record, outcome: 'fixed', verified: true, reason: `${template.reason}; ${interrupted}: read back, ARM holds the value${pending}` };
  }
  const why = verdict.status === 'fail' || verdict.status === 'error' ? verdict.reason : verdict.status;
  let state: string;
  if (!holds) {
    state = `ARM does not hold the value (it was not sent, did not take, or was changed since: ${why}); not sent again for this trigger`;
  } else if (control.fixNeedsRestart && intent.step === 'patch') {
    state = `ARM holds the value, but the server restart it needs was never requested (the attempt stopped first): it takes effect after the next restart (${why})`;
  } else if (control.fixNeedsRestart) {
    state = `ARM holds the value and a restart was requested; it may still be running, and the value takes effect when it ends (${why})`;
  } else {
    state = `ARM holds the value sent, but the resource still fails the control: ${why}`;
  }
  return { ...record, outcome: 'failed', verified: false, reason: `${template.reason}; ${interrupted}: ${state}` };
}

/** Deep equality of JSON values, key order aside. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as JsonObject);
  const kb = Object.keys(b as JsonObject);
  return ka.length === kb.length && ka.every((k) => sameJson((a as JsonObject)[k], (b as JsonObject)[k]));
}
