import type { TokenCredential } from '@azure/core-auth';
import type { EventGridPublisherClient, EventGridPublisherClientOptions, SendCloudEventInput } from '@azure/eventgrid';
import { eventGridSdk } from '../azure/sdk';
import { isQuarantine, type AuditRecord } from '../audit/record';
import type { Json } from '../controls/types';
import type { Notifier } from '../engine/ports';
import { validateTopicEndpoint } from '../config';
import { WardenError, describeError } from '../errors';

/**
 * CloudEvent types, one per kind of attention an outcome needs. PascalCase and dot-separated like
 * Azure's own event types (`Microsoft.Resources.ResourceWriteSuccess`), so an Event Grid subscription
 * routes them with a plain `includedEventTypes` filter. They are a contract: teams filter on them.
 */
export const OUTCOME_EVENT_TYPES = {
  fixed: 'TransitWarden.Outcome.Fixed',
  failed: 'TransitWarden.Outcome.Failed',
  flapping: 'TransitWarden.Outcome.Flapping',
} as const;

export type OutcomeEventType = (typeof OUTCOME_EVENT_TYPES)[keyof typeof OUTCOME_EVENT_TYPES];

export const DEFAULT_EVENT_SOURCE = '/transit-warden';

/**
 * Per-request limits, taken as the stricter of Event Grid's custom topics (1 MB per request, 5,000
 * events) and namespace topics (1 MB, 1,000 events), so one notifier serves either kind of topic.
 * The byte budget keeps headroom under 1 MiB for what the SDK adds to each event (trace context).
 */
export const MAX_EVENTS_PER_REQUEST = 1_000;
export const MAX_BYTES_PER_REQUEST = 1_000_000;
const PER_EVENT_OVERHEAD_BYTES = 256;
/** Reasons are short in practice; the cap keeps one odd record from taking a request's budget. */
const MAX_REASON_CHARS = 4_096;

/** What a subscriber receives as `data`: the record's facts, never tokens, claims or raw events. */
export interface OutcomeEventData {
  recordId: string;
  resourceId: string;
  resourceType: string;
  control: string;
  outcome: AuditRecord['outcome'];
  reason: string;
  mode: AuditRecord['mode'];
  trigger: AuditRecord['trigger'];
  actor: string | null;
  before: Json | null;
  after: Json | null;
  verified: boolean | null;
}

export interface EventGridNotifierOptions {
  /** Topic endpoint, e.g. https://tw-notify.westeurope-1.eventgrid.azure.net/api/events. */
  endpoint: string;
  /** Entra ID (managed identity in Azure); the identity needs `EventGrid Data Sender` on the topic. */
  credential: TokenCredential;
  /** Passed to EventGridPublisherClient: tests inject `httpClient` here; defaults keep retries short. */
  publisherOptions?: EventGridPublisherClientOptions;
  /** CloudEvent `source`; defaults to `/transit-warden`. */
  source?: string;
  /** Upper bound for one send (all retries included), so a slow topic cannot hold an invocation. */
  timeoutMs?: number;
}

/**
 * The engine awaits publish() before a handler returns: a few quick retries, then give up. The
 * records are already written; the notification is best effort.
 */
const DEFAULT_RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 500, maxRetryDelayInMs: 2_000 };
const DEFAULT_TIMEOUT_MS = 10_000;

/** Which CloudEvent type a record maps to, or undefined when it needs nobody's attention. */
export function outcomeEventType(record: AuditRecord): OutcomeEventType | undefined {
  if (record.outcome === 'fixed') return OUTCOME_EVENT_TYPES.fixed;
  if (record.outcome === 'failed') return OUTCOME_EVENT_TYPES.failed;
  if (isQuarantine(record)) return OUTCOME_EVENT_TYPES.flapping;
  return undefined;
}

/** The record as a CloudEvent. Fields are picked one by one so a field added to records later cannot leak. */
export function toCloudEvent(record: AuditRecord, type: OutcomeEventType, source: string): SendCloudEventInput<OutcomeEventData> {
  const reason = record.reason.length > MAX_REASON_CHARS ? `${record.reason.slice(0, MAX_REASON_CHARS)}… (truncated)` : record.reason;
  return {
    type,
    source,
    subject: record.resourceId,
    // The audit record id is deterministic per trigger × resource × control, so a re-sent event
    // carries the same id and subscribers can drop duplicates.
    id: record.id,
    time: new Date(record.time),
    datacontenttype: 'application/json',
    data: {
      recordId: record.id,
      resourceId: record.resourceId,
      resourceType: record.resourceType,
      control: record.control,
      outcome: record.outcome,
      reason,
      mode: record.mode,
      trigger: record.trigger,
      actor: record.actor,
      before: record.before,
      after: record.after,
      verified: record.verified,
    },
  };
}

/** Approximate wire size of one event, as the SDK serialises it. */
function wireBytes(event: SendCloudEventInput<OutcomeEventData>): number {
  return Buffer.byteLength(JSON.stringify({ specversion: '1.0', ...event })) + PER_EVENT_OVERHEAD_BYTES;
}

/** Splits events into requests within Event Grid's limits; an oversized single event goes alone. */
export function chunkEvents<T extends SendCloudEventInput<OutcomeEventData>>(
  events: readonly T[],
  limits: { maxEvents: number; maxBytes: number } = { maxEvents: MAX_EVENTS_PER_REQUEST, maxBytes: MAX_BYTES_PER_REQUEST },
): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 2; // the surrounding [ ]
  for (const event of events) {
    const size = wireBytes(event) + 1; // and its comma
    if (current.length > 0 && (current.length >= limits.maxEvents || bytes + size > limits.maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(event);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The endpoint rules live with the settings (src/config.ts); re-exported for the notifier's callers. */
export { validateTopicEndpoint };

/**
 * Publishes fixed, failed and flapping outcomes as CloudEvents 1.0 to an Event Grid topic, so teams
 * can route them to chat or tickets. Compliant, exempt, would-fix, noncompliant and other skipped
 * records are not sent: they need no one's attention now.
 */
export class EventGridNotifier implements Notifier {
  private readonly client: EventGridPublisherClient<'CloudEvent'>;
  private readonly source: string;
  private readonly timeoutMs: number;

  constructor(options: EventGridNotifierOptions) {
    validateTopicEndpoint(options.endpoint);
    const source = options.source ?? DEFAULT_EVENT_SOURCE;
    if (source.trim() === '') throw new WardenError('INVALID_CONFIG', 'the CloudEvent source must not be empty');
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new WardenError('INVALID_CONFIG', `the notification timeout must be a positive number of milliseconds, got ${timeoutMs}`);
    }
    this.source = source;
    this.timeoutMs = timeoutMs;
    this.client = new (eventGridSdk().EventGridPublisherClient)(options.endpoint, 'CloudEvent', options.credential, {
      ...options.publisherOptions,
      retryOptions: { ...DEFAULT_RETRY_OPTIONS, ...options.publisherOptions?.retryOptions },
    });
  }

  /** The CloudEvents publish() would send for these records, in order. */
  eventsFor(records: readonly AuditRecord[]): SendCloudEventInput<OutcomeEventData>[] {
    const events: SendCloudEventInput<OutcomeEventData>[] = [];
    for (const record of records) {
      const type = outcomeEventType(record);
      if (type) events.push(toCloudEvent(record, type, this.source));
    }
    return events;
  }

  /**
   * Sends every chunk, even after one fails (one bad request should not silence the rest), then
   * rejects if any failed; the engine logs that and the records stay written.
   */
  async publish(records: readonly AuditRecord[]): Promise<void> {
    const events = this.eventsFor(records);
    if (events.length === 0) return;
    const chunks = chunkEvents(events);
    const failures: unknown[] = [];
    for (const chunk of chunks) {
      try {
        await this.client.send(chunk, { abortSignal: AbortSignal.timeout(this.timeoutMs) });
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length === 0) return;
    // One request: the SDK's own error (a RestError with statusCode and Event Grid's message) says it best.
    if (chunks.length === 1) throw failures[0];
    throw new AggregateError(
      failures,
      `${failures.length} of ${chunks.length} Event Grid requests failed (${events.length} events); first: ${describeError(failures[0])}`,
    );
  }
}
