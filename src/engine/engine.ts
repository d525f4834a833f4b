import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { AuditRecord, EffectiveMode, ExemptionDetail, Outcome, SkipCode } from '../audit/record';
import { recordIdFor } from '../audit/record';
import type { WardenConfig } from '../config';
import { catalog as fullCatalog } from '../controls';
import { combinePatches } from '../core/merge-patch';
import { recommendationFor } from '../controls/recommendation';
import { runControl } from '../controls/run';
import type { ArmObject, ControlDefinition, ControlTarget, Json, JsonObject } from '../controls/types';
import { SELF, controlsFor } from '../controls/types';
import { parseResourceId, type ResourceId } from '../core/resource-id';
import { WardenError, describeError, isTransientArmError, isWardenError } from '../errors';
import { appendAll } from '../collections';
import { VERSION } from '../version';
import { resolveExemption, unknownExemptIds, type ResolvedExemption } from './exemptions';
import { GroupTagsCache } from './group-tags-cache';
import { checkFixHistories, checkWriteBudget, type FixHistory } from './guards';
import { decideMode } from './modes';
import { describePatch, objectAt, valuesAt } from './patches';
import { MemoryIntentStore, MemoryLeaseStore } from '../coordination/memory';
import { DEFAULT_LEASE_TTL_MS, holdLease, type HeldLease } from './lease';
import type { EnginePorts, IntentStore, ResourceSnapshot, WriteIntent } from './ports';
import { intentGroup, intentId, reconcileIntents } from './reconcile';
import { TAGS, tagsOf, normalizeTags, type TagMap } from './tags';
import type { Engine, EvaluationRequest, SettledIntents } from './types';

export interface EngineOptions {
  ports: EnginePorts;
  config: WardenConfig;
  /** Defaults to the full catalog. */
  catalog?: readonly ControlDefinition[];
  logger?: Logger;
  /** How long resource-group tags are reused: a sweep reads each group once, not once per resource. */
  groupTagsTtlMs?: number;
  /** Waits before re-trying an audit append that failed (default 1 s, then 3 s); tests shorten them. */
  appendRetryDelaysMs?: readonly number[];
  /** How long a resource's lease lasts without renewal (default a minute; see src/engine/lease.ts). */
  leaseTtlMs?: number;
  /** Names this engine in leases and intents (default host name and process id). */
  instanceId?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resource-group tags behind a write decision are at most this old; older cached ones are read again. */
export const WRITE_GROUP_TAGS_MAX_AGE_MS = 2000;

/** What the engine decided for one control before any write. */
interface Finding {
  control: ControlDefinition;
  recordId: string;
  mode: EffectiveMode;
  outcome: Outcome;
  reason: string;
  before: Json | null;
  after: Json | null;
  verified: boolean | null;
  exemption: ExemptionDetail | null;
  /** Why a `skipped` finding skipped. */
  skipCode?: SkipCode;
  /** The resource's `kind` as read (App Service sites are labelled by it); undefined when it was not read. */
  resourceKind?: unknown;
  /** Set when the engine is to write this patch (enforce, fix available, guards passed). */
  patch?: JsonObject;
  /**
   * Set when ARM refused the write with a throttle or server error before changing anything: the
   * finding gets no record and the evaluation throws this, so Event Grid or the queue retries it.
   */
  refusedTransiently?: unknown;
  /**
   * Set when the write was sent but what ARM holds afterwards could not be read (a throttled or
   * failing read-back): the finding gets no record, its intent stays open and the evaluation throws
   * this, so the retry completes the record from ARM's state instead of guessing `failed` now.
   */
  unsettled?: unknown;
}

/**
 * An evaluation that must be retried because ARM refused one of its writes transiently, while its
 * other controls were recorded: it keeps the refusal's code, message and details (so callers treat
 * it as that transient ARM error) and carries the records it did store.
 */
export class EvaluationIncomplete extends WardenError {
  constructor(refusal: WardenError, readonly recorded: readonly AuditRecord[]) {
    super(refusal.code, refusal.message, refusal.details, { cause: refusal });
    this.name = 'EvaluationIncomplete';
  }
}

/** What the write path of one evaluation needs besides the findings. */
interface WriteContext {
  request: EvaluationRequest;
  started: number;
  lease: HeldLease;
  /** Intents this evaluation recorded; closed once its records are stored. */
  intents: WriteIntent[];
}

export function createEngine(options: EngineOptions): Engine {
  const { ports, config, logger } = options;
  const catalog = options.catalog ?? fullCatalog;
  // Tag values name controls of the whole product, whatever subset this engine runs.
  const knownControlIds = new Set([...fullCatalog, ...catalog].map((c) => c.id.toLowerCase()));
  const groupTagsTtlMs = options.groupTagsTtlMs ?? 60_000;
  const groupTagsCache = new GroupTagsCache<TagMap>(groupTagsTtlMs);
  const appendRetryDelaysMs = options.appendRetryDelaysMs ?? [1000, 3000];
  // Without shared stores the engine coordinates with itself only (one process: CLI, sandbox, tests).
  const leases = ports.leases ?? new MemoryLeaseStore();
  const intents: IntentStore = ports.intents ?? new MemoryIntentStore();
  const leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  const instanceId = options.instanceId ?? `${hostname()}/${globalThis.process.pid}`;
  const controlsById = new Map([...fullCatalog, ...catalog].map((c) => [c.id, c]));

  /** The group's tags, and when they were read from ARM (ms; the shared cache may be up to a TTL old). */
  async function groupTags(id: ResourceId, fresh = false): Promise<{ tags: TagMap; readAt: number }> {
    const key = `${id.subscriptionId}/${id.resourceGroup}`.toLowerCase();
    const read = (): Promise<TagMap> => ports.reader.readResourceGroupTags(id.subscriptionId, id.resourceGroup).then(normalizeTags);
    const now = ports.clock.now().getTime();
    const entry = fresh ? groupTagsCache.refresh(key, now, read) : groupTagsCache.get(key, now, read);
    return { tags: await entry.value, readAt: entry.readAt };
  }

  // Writes decided by evaluations still in flight in this engine, not yet in the audit store: the
  // write budget counts them too, or eight concurrent sweep evaluations all see the same room.
  let reservedWrites = 0;
  // Writes whose records were appended since the engine started (released reservations).
  let releasedWrites = 0;

  async function process(request: EvaluationRequest): Promise<AuditRecord[]> {
    const id = parseResourceId(request.resourceId);
    const applicable = controlsFor(catalog, id.type);
    if (applicable.length === 0) return [];

    // One evaluation of a resource at a time across every instance: a redelivery that arrives while
    // the first delivery still writes (or polls) throws LEASE_BUSY and is retried, and by then the
    // first delivery's records are stored. Taken before anything is read, so what is decided below
    // is never raced by another instance's write.
    return underLease(id, async (lease) => {
      // Writes an earlier attempt made (or was about to make) and never recorded: record them from
      // what ARM holds, never sending them again.
      const reconciled = await reconcile(id);
      // A redelivered event (or a re-run sweep with the same run id) maps to the same record ids: only
      // controls with no record yet are evaluated, so a duplicate yields neither a fix nor a record.
      // Asked under the lease: an instance that held it before has stored all it will store.
      const withIds = applicable.map((control) => ({
        control,
        recordId: recordIdFor({ trigger: request.trigger, occurrence: request.occurrence, resourceId: id.id, control: control.id }),
      }));
      const seen = await Promise.all(withIds.map(({ recordId }) => ports.audit.has(recordId)));
      const pending = withIds.filter((_, i) => !seen[i]);
      if (pending.length === 0) return reconciled;
      return [...reconciled, ...(await evaluateAndRecord(request, id, pending, lease))];
    });
  }

  /** Runs `work` holding the resource's lease (held under a fresh holder name), and releases it after. */
  async function underLease<T>(id: ResourceId, work: (lease: HeldLease) => Promise<T>): Promise<T> {
    const lease = await holdLease(leases, id.id.toLowerCase(), `${instanceId}/${randomUUID()}`, { ttlMs: leaseTtlMs, logger });
    try {
      return await work(lease);
    } finally {
      await lease.release();
    }
  }

  async function settleOpenIntents(scope: { subscriptions?: readonly string[] } = {}): Promise<SettledIntents> {
    const settled: SettledIntents = { records: [], unsettled: [] };
    const wanted = scope.subscriptions && new Set(scope.subscriptions.map((s) => s.toLowerCase()));
    const resources = new Map<string, string>();
    for (const intent of await intents.list()) {
      const key = intent.resourceId.toLowerCase();
      if (wanted !== undefined && !wanted.has(parseResourceId(intent.resourceId).subscriptionId.toLowerCase())) continue;
      if (!resources.has(key)) resources.set(key, intent.resourceId);
    }
    // One after another: a handful at most (each is a write that died), and each reads ARM once.
    for (const resourceId of resources.values()) {
      try {
        const id = parseResourceId(resourceId);
        appendAll(settled.records, await underLease(id, () => reconcile(id)));
      } catch (err) {
        settled.unsettled.push({ resourceId, reason: describeError(err) });
      }
    }
    return settled;
  }

  /** Records the writes of open intents on this resource (any trigger's: a poisoned sweep's too). */
  async function reconcile(id: ResourceId): Promise<AuditRecord[]> {
    const open = await intents.open(id.id);
    if (open.length === 0) return [];
    const { records, settled } = await reconcileIntents({ reader: ports.reader, audit: ports.audit, intents, clock: ports.clock, controls: controlsById }, id, open);
    const { inserted } = records.length > 0 ? await appendKeepingEvidence(records) : { inserted: [] };
    logger?.warn({ resourceId: id.id, intents: open.length, records: records.length }, 'completed the records of writes an earlier attempt made but did not record');
    await closeIntents(settled);
    for (const record of inserted) log(record);
    await notify(inserted);
    return inserted;
  }

  async function evaluateAndRecord(
    request: EvaluationRequest,
    id: ResourceId,
    pending: { control: ControlDefinition; recordId: string }[],
    lease: HeldLease,
  ): Promise<AuditRecord[]> {
    const started = ports.clock.now().getTime();
    const reservation = { writes: 0 };
    const context: WriteContext = { request, started, lease, intents: [] };
    let inserted: AuditRecord[];
    let refused: unknown;
    try {
      const findings = await evaluate(id, pending, usableHint(request.hint, pending), reservation, context);
      // A write ARM refused transiently leaves its control without a record: the retry that the
      // throw below asks for evaluates it again under the same record id.
      const waiting = findings.find((f) => f.refusedTransiently !== undefined || f.unsettled !== undefined);
      refused = waiting === undefined ? undefined : waiting.refusedTransiently ?? waiting.unsettled;
      const records = findings.filter((f) => f.refusedTransiently === undefined && f.unsettled === undefined).map((finding) => toRecord(request, id, finding, started));
      ({ inserted } = records.length > 0 ? await appendKeepingEvidence(records) : { inserted: [] });
    } finally {
      // The writes are in the store now (or the evaluation failed): the budget counts them from there.
      reservedWrites -= reservation.writes;
      releasedWrites += reservation.writes;
    }
    // The records are stored: they are the evidence now. (Had the append failed, the intents would
    // stay open and the next attempt would complete the records from ARM's state.)
    await closeIntents(context.intents);
    for (const record of inserted) log(record);
    await notify(inserted);
    if (refused !== undefined) {
      logger?.warn({ resourceId: id.id, err: describeError(refused) }, 'a fix was not sent (ARM throttled or failing, or the lease could not be confirmed); the evaluation is thrown for a retry');
      throw isWardenError(refused) ? new EvaluationIncomplete(refused, inserted) : refused;
    }
    return inserted;
  }

  /** Best effort: an intent left open only makes the next evaluation look its records up again. */
  async function closeIntents(done: readonly WriteIntent[]): Promise<void> {
    await Promise.all(done.map(async (intent) => {
      try {
        await intents.close(intent);
      } catch (err) {
        logger?.warn({ intentId: intent.id, resourceId: intent.resourceId, err: describeError(err) }, 'could not close a write intent whose records are stored; the next evaluation closes it');
      }
    }));
  }

  /**
   * Appends, retrying a store that fails (its SDK has retried already, so these are seconds apart).
   * If it still fails after a write, the fix happened but no record says so, and a redelivery would
   * only find the resource compliant: each record goes to the error log in full first, the one copy
   * left (Application Insights keeps traces), and then the failure is thrown for Event Grid to retry.
   */
  async function appendKeepingEvidence(records: AuditRecord[]): Promise<{ inserted: AuditRecord[] }> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await ports.audit.append(records);
        // Every record was new when this evaluation began (`has` said so): one a retry finds
        // already stored was stored by the attempt that failed, so it is this evaluation's too.
        return attempt === 0 ? result : { inserted: [...result.inserted, ...result.duplicates] };
      } catch (err) {
        if (attempt < appendRetryDelaysMs.length) {
          logger?.warn({ err: describeError(err), attempt: attempt + 1 }, 'audit store refused the records; retrying');
          await sleep(appendRetryDelaysMs[attempt]);
          continue;
        }
        for (const record of records) logger?.error({ record }, 'audit record NOT stored (audit store failing); this log line is its only copy');
        throw err;
      }
    }
  }

  /** A hint counts only when it carries every document the pending controls read. */
  function usableHint(hint: ResourceSnapshot | undefined, pending: { control: ControlDefinition }[]): ResourceSnapshot | undefined {
    if (!hint) return undefined;
    return pending.every(({ control }) => control.target === SELF || hint.documents[control.target]) ? hint : undefined;
  }

  async function evaluate(
    id: ResourceId,
    pending: { control: ControlDefinition; recordId: string }[],
    hint: ResourceSnapshot | undefined,
    reservation: { writes: number },
    context: WriteContext,
  ): Promise<Finding[]> {
    const failAll = (outcome: Outcome, reason: string, skipCode?: SkipCode): Finding[] =>
      pending.map(({ control, recordId }) => ({
        control, recordId, mode: config.mode, outcome, reason, before: null, after: null, verified: null, exemption: null, ...(skipCode ? { skipCode } : {}),
      }));
    const readFailure = (err: unknown): Finding[] => {
      if (isWardenError(err, 'RESOURCE_NOT_FOUND')) {
        return failAll('skipped', `resource not found when re-read (deleted since the trigger?): ${describeError(err)}`, 'not-found');
      }
      // Nothing is written yet: a throttled or failing ARM is thrown, so Event Grid (or the sweep
      // queue) retries the whole evaluation later, rather than a `failed` record closing it for good.
      if (isTransientArmError(err)) throw err;
      // Without the resource-group tags an exemption could be missed: never act half-informed.
      return failAll('failed', `could not read the resource or its resource group: ${describeError(err)}`);
    };

    let snapshot: ResourceSnapshot;
    let group: { tags: TagMap; readAt: number };
    try {
      const targets = [...new Set(pending.map(({ control }) => control.target))];
      [snapshot, group] = await Promise.all([hint ?? ports.reader.read(id, targets), groupTags(id)]);
    } catch (err) {
      return readFailure(err);
    }

    const now = ports.clock.now();
    const resourceTags = tagsOf(snapshot.resource);
    const decideAll = (rgTags: TagMap): Finding[] => pending.map(({ control, recordId }) => decide(control, recordId, snapshot, resourceTags, rgTags, now));
    let findings = decideAll(group.tags);
    // Rows from Resource Graph lag ARM: never write on their word. Re-read and decide afresh.
    if (hint && findings.some((f) => f.patch)) return evaluate(id, pending, undefined, reservation, context);
    const groupTagsAge = now.getTime() - group.readAt;
    // A negative age means the clock stepped back: the read's age is unknown, so read again.
    if (findings.some((f) => f.patch) && (groupTagsAge < 0 || groupTagsAge > WRITE_GROUP_TAGS_MAX_AGE_MS)) {
      // The group's tags came from the engine's cache (up to a minute old): an exemption or dry-run
      // tag put on the group since must still stop this write. One read, only when writing, and
      // only when the cached read is older than a couple of seconds, so a burst of fixes in one
      // group (a deployment, a sweep) shares one read.
      try {
        findings = decideAll((await groupTags(id, true)).tags);
      } catch (err) {
        return readFailure(err);
      }
    }
    await applyGuards(id, findings, now, reservation);
    await write(id, snapshot, findings, context);
    return findings;
  }

  function decide(
    control: ControlDefinition,
    recordId: string,
    snapshot: ResourceSnapshot,
    resourceTags: TagMap,
    rgTags: TagMap,
    now: Date,
  ): Finding {
    const { mode, decidedBy } = decideMode(control, config, resourceTags, rgTags);
    const base = { control, recordId, mode, before: null, after: null, verified: null, exemption: null, resourceKind: snapshot.resource.kind };
    const document = control.target === SELF ? snapshot.resource : snapshot.documents[control.target];
    if (!document) {
      return { ...base, outcome: 'failed', reason: `ARM returned no ${control.target} document for this resource` };
    }
    const verdict = runControl(control, document, snapshot.resource);
    if (verdict.status === 'error') return { ...base, outcome: 'failed', reason: verdict.reason };
    if (verdict.status === 'not-applicable') return { ...base, outcome: 'skipped', skipCode: 'not-applicable', reason: `not applicable: ${verdict.reason}` };
    if (verdict.status === 'pass') return { ...base, outcome: 'compliant', reason: 'compliant' };

    const exemption: ResolvedExemption | undefined = resolveExemption(control.id, resourceTags, rgTags, now);
    const withExemption = { ...base, exemption: exemption?.detail ?? null };
    const actual = objectAt(verdict.path, verdict.actual ?? null);
    const unknown = exemption ? [] : unknownExemptIds(resourceTags, rgTags, knownControlIds);
    const note = exemption?.problem
      ? `; ${exemption.problem}`
      : unknown.length > 0 ? `; ${TAGS.exempt} names ${unknown.map((id) => JSON.stringify(id)).join(', ')}, which no control has (a typo?), so it exempts nothing here` : '';
    if (exemption && !exemption.problem) {
      const { source, reason, until } = exemption.detail;
      return {
        ...withExemption, outcome: 'exempt', before: actual,
        reason: `${verdict.reason}; exempt by tag on the ${source}: ${reason}${until ? ` (until ${until})` : ''}`,
      };
    }
    if (mode === 'report' || !control.fix) {
      return { ...withExemption, outcome: 'noncompliant', before: actual, reason: `${verdict.reason} (${decidedBy})${note}` };
    }
    if (control.fixNeedsRestart && !config.allowRestarts) {
      return {
        ...withExemption, outcome: 'noncompliant', before: actual,
        reason: `${verdict.reason}; the fix needs a server restart, which this deployment does not allow (TRANSIT_WARDEN_ALLOW_RESTARTS)${note}`,
      };
    }
    const patch = control.fix(document, snapshot.resource);
    const before = valuesAt(document, patch);
    if (mode === 'dry-run') {
      return { ...withExemption, outcome: 'would-fix', before, after: patch, reason: `${verdict.reason}; would set ${describePatch(patch)} (${decidedBy})${note}` };
    }
    return { ...withExemption, outcome: 'fixed', before, after: patch, patch, reason: `${verdict.reason}; set ${describePatch(patch)}${note}` };
  }

  /** Flap quarantine and the deployment-wide write budget: a person decides past these rails. */
  async function applyGuards(id: ResourceId, findings: Finding[], now: Date, reservation: { writes: number }): Promise<void> {
    const planned = findings.filter((f) => f.patch);
    if (planned.length === 0) return;
    const histories = await checkFixHistories(ports.audit, {
      resourceId: id.id, controls: planned.map((f) => f.control.id), now, maxFixes: config.flap.maxFixes, windowMinutes: config.flap.windowMinutes,
    });
    for (const finding of planned) {
      const flap = histories.get(finding.control.id) as FixHistory;
      // A person undid this fix recently: re-fixing at once would fight them. They tag an exemption
      // to keep it undone for longer (the undo output says so).
      const last = flap.lastUndone;
      if (last) {
        skip(finding, 'undone-recently', `undone by ${last.actor ?? 'a person'} at ${last.time} (record ${last.id}); not re-fixing within ${config.flap.windowMinutes} minutes — tag an exemption to keep it undone`);
        continue;
      }
      if (flap.quarantined) {
        skip(finding, 'flapping', `flapping: fixed ${flap.fixesInWindow} times in the last ${config.flap.windowMinutes} minutes; something keeps undoing this fix (a pipeline or IaC?) — a person must decide`);
      }
    }
    const writes = new Set(findings.filter((f) => f.patch).map((f) => f.control.target)).size;
    if (writes === 0) return;
    const releasedBefore = releasedWrites;
    const budget = await checkWriteBudget(ports.audit, { now, maxWrites: config.writeBudget.maxWrites, windowMinutes: config.writeBudget.windowMinutes });
    // Checked and reserved with no await in between, so concurrent evaluations see each other. A
    // write released while the count was on its way may be missing from it: count it too (at worst
    // twice, which only errs towards not writing).
    const used = budget.used + reservedWrites + (releasedWrites - releasedBefore);
    // `writes` is at least 1 here, so this also holds when the budget is already used up.
    if (used + writes > config.writeBudget.maxWrites) {
      const inFlight = reservedWrites > 0 ? ` (${reservedWrites} of them being written now)` : '';
      for (const finding of findings.filter((f) => f.patch)) {
        skip(finding, 'budget', `budget: ${used} of ${config.writeBudget.maxWrites} writes used in the last ${config.writeBudget.windowMinutes} minutes${inFlight}; not writing`);
      }
      return;
    }
    reservedWrites += writes;
    reservation.writes += writes;
  }

  function skip(finding: Finding, code: SkipCode, reason: string): void {
    finding.outcome = 'skipped';
    finding.skipCode = code;
    finding.reason = reason;
    finding.after = null;
    delete finding.patch;
  }

  /** One PATCH per write endpoint: all of a site's config fixes go out together. */
  async function write(id: ResourceId, snapshot: ResourceSnapshot, findings: Finding[], context: WriteContext): Promise<void> {
    const byTarget = new Map<ControlTarget, Finding[]>();
    for (const finding of findings) {
      if (!finding.patch) continue;
      const group = byTarget.get(finding.control.target) ?? [];
      group.push(finding);
      byTarget.set(finding.control.target, group);
    }
    await Promise.all(
      [...byTarget].map(async ([target, group]) => {
        const body = group.reduce<JsonObject>((merged, f) => combinePatches(merged, f.patch as JsonObject), {});
        const intentKey = intentGroup(group.map((f) => f.recordId));
        const intentFor = intentRecorder(context, id, target, body, group, intentKey);
        let patchIntent: WriteIntent;
        try {
          // The fence, then the evidence: only a holder of the lease sends, and only after what it
          // sends is durably stored. Either failing means nothing was sent: retried like a 429.
          await context.lease.confirm();
          patchIntent = await intentFor('patch');
        } catch (err) {
          for (const finding of group) finding.refusedTransiently = err;
          return;
        }
        let result: ArmObject;
        let unconfirmed = '';
        try {
          result = await ports.writer.patch(id, target, body);
        } catch (err) {
          if (isWardenError(err, 'WRITE_UNCONFIRMED')) {
            // The PATCH was accepted; only its operation's status is unknown. What ARM holds now
            // decides the record, with `after` saying what was sent.
            try {
              const reread = await ports.reader.read(id, [target]);
              const document = target === SELF ? reread.resource : reread.documents[target];
              if (!document) throw new Error(`ARM returned no ${target} document`);
              result = document;
              unconfirmed = `; ${describeError(err)}, so the resource was read back to verify (the operation may still have been running)`;
            } catch (readErr) {
              if (isTransientArmError(readErr)) {
                leaveToReconcile(context, group, intentKey, readErr);
                return;
              }
              for (const finding of group) {
                finding.outcome = 'failed';
                finding.verified = null;
                finding.reason += `; ${describeError(err)}, and reading the resource back failed too (${describeError(readErr)}): the value was sent and may be stored — check the resource`;
              }
              return;
            }
          } else if (isTransientArmError(err)) {
            for (const finding of group) finding.refusedTransiently = err;
            // Nothing was written: the retry must find no intent, or it would record this as an
            // interrupted write instead of sending it.
            await closeIntents([patchIntent]);
            context.intents = context.intents.filter((i) => i !== patchIntent);
            return;
          } else {
            failUnwritten(group, err);
            return;
          }
        }
        if (ports.writer.writeMethod?.(id, target) === 'PUT') {
          // DESIGN.md's one exception to "never a full PUT", which it asks the record to state.
          for (const finding of group) finding.reason += '; written as a PUT of the document just read with only this value changed (the REST spec offers no PATCH for it)';
        }
        if (group.some((f) => f.control.fixNeedsRestart)) {
          try {
            if (!ports.writer.restart) throw new Error('this gateway cannot restart servers');
            // A restart is a write too: fenced and announced like the PATCH, so it happens once.
            await context.lease.confirm();
            await intentFor('restart');
            await ports.writer.restart(id);
          } catch (err) {
            // The value is written (before/after say what): the record must not claim otherwise.
            for (const finding of group) {
              finding.outcome = 'failed';
              finding.verified = false;
              finding.reason += `; the value is stored, but the server restart it needs failed (${describeError(err)}): it takes effect after the next restart`;
            }
            return;
          }
          // What the PATCH answered still shows the value pending the restart: verify against the
          // parameter as it is after the restart instead.
          try {
            const after = await ports.reader.read(id, [target]);
            result = (target === SELF ? after.resource : after.documents[target]) ?? result;
          } catch (err) {
            if (isTransientArmError(err)) {
              leaveToReconcile(context, group, intentKey, err);
              return;
            }
            for (const finding of group) {
              finding.outcome = 'failed';
              finding.verified = false;
              finding.reason += `; the server was restarted, but the value could not be read back to verify it (${describeError(err)})`;
            }
            return;
          }
        }
        verify(group, result, target === SELF ? result : snapshot.resource);
        if (unconfirmed) for (const finding of group) finding.reason += unconfirmed;
        if (group.some((f) => f.control.pendingRestart?.(result)) && !group.some((f) => f.control.fixNeedsRestart)) {
          for (const finding of group.filter((f) => f.outcome === 'fixed')) {
            finding.reason += '; ARM stored the value but reports isConfigPendingRestart: it takes effect after the next server restart';
          }
        }
      }),
    );
  }

  /**
   * Records (durably, before it is sent) what a write is about to send and the records it is to
   * end in, keyed by their record ids: a retry of the same trigger finds it by them.
   */
  function intentRecorder(
    context: WriteContext, id: ResourceId, target: ControlTarget, body: JsonObject, group: Finding[], key: string,
  ): (step: WriteIntent['step']) => Promise<WriteIntent> {
    return async (step) => {
      const intent: WriteIntent = {
        id: intentId(key, step),
        group: key,
        resourceId: id.id,
        target,
        step,
        body,
        time: ports.clock.now().toISOString(),
        holder: instanceId,
        records: group.map((f) => toRecord(context.request, id, { ...f, outcome: 'fixed', verified: null }, context.started)),
      };
      await intents.record(intent);
      context.intents.push(intent);
      return intent;
    };
  }

  /**
   * The write went out but its result cannot be read now: no record yet, and the write's intents
   * stay open (they are not closed with this evaluation's), so the retry that the throw asks for
   * records what ARM holds then — without sending anything again.
   */
  function leaveToReconcile(context: WriteContext, group: Finding[], key: string, err: unknown): void {
    context.intents = context.intents.filter((i) => i.group !== key);
    for (const finding of group) finding.unsettled = err;
  }

  /** ARM refused the write outright (400, 403, 409…): nothing changed, and the record says so. */
  function failUnwritten(group: Finding[], err: unknown): void {
    for (const finding of group) {
      finding.outcome = 'failed';
      finding.verified = false;
      // Nothing was written: `after` stays empty, so the rails count only real writes.
      finding.after = null;
      finding.reason = `fix not applied: ${describeError(err)}`;
    }
  }

  function verify(group: Finding[], document: ArmObject, resource: ArmObject): void {
    for (const finding of group) {
      const verdict = runControl(finding.control, document, resource);
      finding.verified = verdict.status === 'pass';
      if (!finding.verified) {
        finding.outcome = 'failed';
        finding.reason = `ARM accepted the PATCH but the resource still fails the control: ${verdict.status === 'fail' || verdict.status === 'error' ? verdict.reason : verdict.status}`;
      }
    }
  }

  function toRecord(request: EvaluationRequest, id: ResourceId, finding: Finding, started: number): AuditRecord {
    const now = ports.clock.now();
    return {
      id: finding.recordId,
      time: now.toISOString(),
      trigger: request.trigger,
      eventId: request.eventId,
      correlationId: request.correlationId,
      actor: request.actor,
      subscriptionId: id.subscriptionId,
      resourceId: id.id,
      resourceType: id.type,
      control: finding.control.id,
      outcome: finding.outcome,
      reason: finding.reason,
      before: finding.before,
      after: finding.after,
      verified: finding.verified,
      mode: finding.mode,
      durationMs: Math.max(0, now.getTime() - started),
      version: VERSION,
      exemption: finding.exemption,
      ...(finding.outcome === 'skipped' && finding.skipCode ? { skipCode: finding.skipCode } : {}),
      recommendation: recommendationFor(finding.control.recommendations, id.type, finding.resourceKind),
    };
  }

  async function notify(records: AuditRecord[]): Promise<void> {
    if (!ports.notifier || records.length === 0) return;
    try {
      await ports.notifier.publish(records);
    } catch (err) {
      logger?.warn({ err: describeError(err) }, 'could not publish outcome notifications; the audit records are written');
    }
  }

  // One structured line per outcome: Application Insights keeps it (traces are excluded from sampling
  // in host.json) and infra/workbook queries it.
  function log(record: AuditRecord): void {
    if (!logger) return;
    const level = record.outcome === 'failed' ? 'warn' : record.outcome === 'compliant' ? 'debug' : 'info';
    logger[level](
      {
        recordId: record.id, resourceId: record.resourceId, control: record.control, outcome: record.outcome, mode: record.mode, trigger: record.trigger,
        eventId: record.eventId, actor: record.actor, ...(record.skipCode ? { skipCode: record.skipCode } : {}),
      },
      `${record.control} ${record.outcome}: ${record.reason}`,
    );
  }

  return { process, settleOpenIntents };
}
