import type { Logger } from 'pino';
import type { AuditRecord } from '../audit/record';
import type { WardenConfig } from '../config';
import type { Engine } from '../engine/types';
import { describeError } from '../errors';
import { redactSecrets } from '../redact';
import { parseEventBatch, type EventCatalog, type ResourceWriteIntent, type SkippedEvent } from './parse';
import { RecentEventIds } from './recent-event-ids';
import type { SubscriptionScope } from '../engine/scope';
import { appendAll } from '../collections';

export interface IntakeSummary {
  /** Engine calls made (one per accepted, in-scope, new event). */
  evaluated: number;
  /** The audit records the engine appended, in event order. */
  records: AuditRecord[];
  ignored: SkippedEvent[];
  rejected: SkippedEvent[];
  /** Events for subscriptions outside the allowed scopes (named subscriptions and management groups). */
  outOfScope: SkippedEvent[];
  /** Writes made by transit-warden's own identity (its fixes), not re-evaluated. */
  ownWrites: SkippedEvent[];
  /** Events already evaluated (in this batch, earlier, or in flight). */
  duplicates: SkippedEvent[];
}

/** Every event of a summary that was not evaluated, with the kind of skip as people read it. */
export function skippedEvents(summary: IntakeSummary): (SkippedEvent & { kind: string })[] {
  return [
    ...summary.ignored.map((s) => ({ kind: 'ignored', ...s })),
    ...summary.rejected.map((s) => ({ kind: 'rejected', ...s })),
    ...summary.outOfScope.map((s) => ({ kind: 'out of scope', ...s })),
    ...summary.ownWrites.map((s) => ({ kind: 'own write', ...s })),
    ...summary.duplicates.map((s) => ({ kind: 'duplicate', ...s })),
  ];
}

export interface Intake {
  /**
   * Parses and filters an Event Grid delivery (one event or an array, already JSON-parsed), then
   * asks the engine to evaluate each remaining resource, one after another. Rejects only when the
   * engine throws (infrastructure failure), so the caller can let Event Grid retry.
   */
  handle(body: unknown): Promise<IntakeSummary>;
}

export interface IntakeOptions {
  engine: Engine;
  config: Pick<WardenConfig, 'allowedSubscriptions' | 'ownIdentities'>;
  /**
   * Which subscriptions are in scope, where management groups are allowed (src/engine/scope.ts);
   * default: config.allowedSubscriptions. When it cannot say (SCOPE_UNRESOLVED), the delivery is
   * rejected so that Event Grid redelivers it: the event is neither acted on nor lost.
   */
  scope?: SubscriptionScope;
  catalog: EventCatalog;
  logger?: Logger;
  /** How many finished event ids to remember for de-duplication. */
  recentEventCapacity?: number;
}

export const DEFAULT_RECENT_EVENT_CAPACITY = 10_000;

export function createIntake(options: IntakeOptions): Intake {
  const { engine, catalog, logger } = options;
  // Compared lower-case: config from the environment already is, but tests and the CLI build their own.
  const allowedSubscriptions = new Set(options.config.allowedSubscriptions.map((s) => s.toLowerCase()));
  const inScope = async (subscriptionId: string): Promise<boolean> =>
    options.scope ? options.scope.allows(subscriptionId) : allowedSubscriptions.has(subscriptionId.toLowerCase());
  const ownIdentities = new Set(options.config.ownIdentities.map((s) => s.toLowerCase()));
  const finished = new RecentEventIds(options.recentEventCapacity ?? DEFAULT_RECENT_EVENT_CAPACITY);
  const inFlight = new Set<string>();

  function isOwnWrite(intent: ResourceWriteIntent): boolean {
    return [intent.actorObjectId, intent.actorAppId].some((id) => id !== null && ownIdentities.has(id.toLowerCase()));
  }

  return {
    async handle(body) {
      const parsed = await parseEventBatch(body, catalog);
      const summary: IntakeSummary = {
        evaluated: 0,
        records: [],
        ignored: parsed.ignored,
        rejected: parsed.rejected,
        outOfScope: [],
        ownWrites: [],
        duplicates: [],
      };
      for (const skipped of parsed.ignored) logger?.debug({ eventId: skipped.eventId, reason: skipped.reason }, 'event ignored');
      for (const skipped of parsed.rejected) logger?.warn({ eventId: skipped.eventId, reason: skipped.reason }, 'event rejected');

      // One evaluation per resource per delivery: however many events in it name a resource (a
      // deployment's burst, or 5,000 forged ids), the first one's evaluation reads ARM once and
      // records once; the rest were answered by it.
      const evaluatedInBatch = new Map<string, string>();
      for (const intent of parsed.accepted) {
        const { eventId, resourceId } = intent;
        // The id keys de-duplication and record ids as sent; where it is only shown (the summary's
        // skipped events, which reach the Functions log and the sandbox table), it is masked.
        const shownId = redactSecrets(eventId);
        // Event ids are scoped to their resource: a forged event reusing a genuine event's id for
        // another resource must not pre-empt the genuine one (record ids are scoped the same way).
        const key = eventKey(eventId, resourceId);
        // Fail closed: an empty allow-list means no subscription is in scope.
        if (!(await inScope(intent.subscriptionId))) {
          const reason = `subscription ${intent.subscriptionId} is not in the allowed scopes (${resourceId})`;
          summary.outOfScope.push({ eventId: shownId, reason });
          logger?.info({ eventId, subscriptionId: intent.subscriptionId }, 'event out of scope');
          continue;
        }
        if (isOwnWrite(intent)) {
          // Our own fix raises a write event; evaluating it again would only repeat the evaluation.
          summary.ownWrites.push({ eventId: shownId, reason: `written by transit-warden's own identity (${resourceId})` });
          logger?.debug({ eventId, resourceId }, 'own write skipped');
          continue;
        }
        if (inFlight.has(key) || finished.has(key)) {
          summary.duplicates.push({ eventId: shownId, reason: `event already evaluated (${resourceId})` });
          logger?.debug({ eventId, resourceId }, 'duplicate event skipped');
          continue;
        }
        const sameResource = evaluatedInBatch.get(resourceId.toLowerCase());
        if (sameResource !== undefined) {
          summary.duplicates.push({ eventId: shownId, reason: `resource already evaluated for event ${redactSecrets(sameResource)} in this delivery (${resourceId})` });
          logger?.debug({ eventId, resourceId, evaluatedFor: sameResource }, 'event for a resource already evaluated in this delivery skipped');
          continue;
        }

        inFlight.add(key);
        try {
          const records = await engine.process({
            resourceId,
            trigger: 'event',
            occurrence: eventId,
            eventId,
            correlationId: intent.correlationId,
            actor: intent.actor,
          });
          // Remembered only once evaluated: a delivery that failed must still count on its retry.
          finished.add(key);
          evaluatedInBatch.set(resourceId.toLowerCase(), eventId);
          summary.evaluated += 1;
          appendAll(summary.records, records);
        } catch (err) {
          logger?.error({ eventId, resourceId, err: describeError(err) }, 'engine failed; the event will be retried');
          throw err;
        } finally {
          inFlight.delete(key);
        }
      }
      logger?.debug(
        {
          evaluated: summary.evaluated,
          records: summary.records.length,
          ignored: summary.ignored.length,
          rejected: summary.rejected.length,
          outOfScope: summary.outOfScope.length,
          ownWrites: summary.ownWrites.length,
          duplicates: summary.duplicates.length,
        },
        'event batch handled',
      );
      return summary;
    },
  };
}

/** The de-duplication key: an event id names one delivery of one resource's change. */
function eventKey(eventId: string, resourceId: string): string {
  return `${eventId}\n${resourceId.toLowerCase()}`;
}
