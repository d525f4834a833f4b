import type { AuditRecord } from '../../src/audit/record';
import type { Engine, EvaluationRequest } from '../../src/engine/types';

/** An engine that records what it was asked and answers with one compliant record per request. */
export interface FakeEngine extends Engine {
  requests: EvaluationRequest[];
  /** The next calls throw this error (an infrastructure failure) until cleared. */
  failWith?: Error;
  /** When set, process() waits for this before answering (to hold a call in flight). */
  gate?: Promise<void>;
}

export function fakeEngine(): FakeEngine {
  const engine: FakeEngine = {
    requests: [],
    async process(request) {
      engine.requests.push(request);
      if (engine.gate) await engine.gate;
      if (engine.failWith) throw engine.failWith;
      return [recordFor(request)];
    },
  };
  return engine;
}

export function recordFor(request: EvaluationRequest): AuditRecord {
  return {
    id: `record-${request.occurrence}`,
    time: '2026-11-23T12:00:00.000Z',
    trigger: request.trigger,
    eventId: request.eventId,
    correlationId: request.correlationId,
    actor: request.actor,
    subscriptionId: request.resourceId.split('/')[2],
    resourceId: request.resourceId,
    resourceType: 'fake',
    control: 'fake-control',
    outcome: 'compliant',
    reason: 'fake engine',
    before: null,
    after: null,
    verified: null,
    mode: 'dry-run',
    durationMs: 0,
    version: 'test',
  };
}
