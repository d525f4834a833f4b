import type { AuditRecord, Trigger } from '../audit/record';
import type { ResourceSnapshot } from './ports';

/** What triggers one evaluation of one resource. */
export interface EvaluationRequest {
  /** The resource the controls evaluate (a site or slot, never its config/web child). */
  resourceId: string;
  trigger: Trigger;
  /**
   * What makes this evaluation unique for de-duplication: the event id for events, the run id for
   * sweeps and CLI runs. Record ids derive from it, so a redelivered event writes nothing new.
   */
  occurrence: string;
  eventId: string | null;
  correlationId: string | null;
  /** Who made the change that triggered this (from event claims), when known. */
  actor: string | null;
  /**
   * The resource as a sweep's Resource Graph rows show it. The engine may record outcomes from it
   * (compliant, exempt, report-only, would-fix) without reading ARM, but as soon as it would write,
   * it drops the hint and re-reads: a fix is only ever decided on ARM's current state.
   */
  hint?: ResourceSnapshot;
}

/** What settling the open write intents came to. */
export interface SettledIntents {
  /** Records completed for writes whose evaluation died before recording them. */
  records: AuditRecord[];
  /** Resources whose intents stay open: their lease is held (a live evaluation, or one that died under a minute ago) or ARM could not be read. */
  unsettled: { resourceId: string; reason: string }[];
}

export interface Engine {
  /**
   * Re-reads the resource, evaluates every applicable control, applies fixes per mode, and returns
   * the audit records it appended (empty when this occurrence was already recorded). Never throws
   * for a per-resource problem: that becomes a `failed` record.
   */
  process(request: EvaluationRequest): Promise<AuditRecord[]>;
  /**
   * Records the writes of every open intent (in the given subscriptions, when given) from ARM's state,
   * each under its resource's lease, never sending anything. The sweep calls it first.
   */
  settleOpenIntents?(scope?: { subscriptions?: readonly string[] }): Promise<SettledIntents>;
}
