import type { CloudEvent, EventGridDeserializer, EventGridEvent } from '@azure/eventgrid';
import { eventGridSdk } from '../azure/sdk';
import { quoteUntrusted } from '../redact';
import { parseResourceId, resourceIdRefusal, type ResourceId } from '../core/resource-id';
import { describeError } from '../errors';
import { actorFromClaims, cleanString, cleanText, NO_ACTOR, ownValue, type Actor } from './claims';
import { evaluatedResourceOf, type EventCatalog } from './evaluated-resource';

export type { EventCatalog } from './evaluated-resource';

/**
 * A resource write an event reported, mapped to the resource the controls evaluate. Only a hint:
 * the engine re-reads the resource before deciding anything.
 */
export interface ResourceWriteIntent extends Actor {
  eventId: string;
  eventType: string;
  operationName: string | null;
  subscriptionId: string;
  /** The id the event names (canonical spelling), e.g. `…/sites/x/config/web`. */
  writtenResourceId: string;
  /** The resource the controls evaluate (canonical spelling), e.g. `…/sites/x`. */
  resourceId: string;
  resourceType: string;
  correlationId: string | null;
  /** ISO-8601 UTC, or null when the event carries no readable time. */
  eventTime: string | null;
}

export interface SkippedEvent {
  /** The event's id as shown in logs and summaries: masked, since a forged event may put a token there. */
  eventId: string | null;
  reason: string;
}

export interface ParsedBatch {
  accepted: ResourceWriteIntent[];
  /** Well-formed events that need no evaluation (deletes, other event types, uncovered resources). */
  ignored: SkippedEvent[];
  /** Malformed or inconsistent events. */
  rejected: SkippedEvent[];
}

export const RESOURCE_WRITE_SUCCESS = 'Microsoft.Resources.ResourceWriteSuccess';
export const RESOURCE_CREATED_OR_UPDATED = 'Microsoft.ResourceNotifications.Resources.CreatedOrUpdated';
const SUBSCRIPTION_VALIDATION = 'Microsoft.EventGrid.SubscriptionValidationEvent';

/** Event Grid delivers at most 5,000 events per batch; more than that is not a delivery. */
export const MAX_BATCH_SIZE = 5000;
const MAX_EVENT_ID_LENGTH = 256;
const MAX_SHOWN_LENGTH = 120;

// Built on the first event, so importing the Event Grid function does not load @azure/eventgrid.
let deserializerInstance: EventGridDeserializer | undefined;
function deserializer(): EventGridDeserializer {
  deserializerInstance ??= new (eventGridSdk().EventGridDeserializer)();
  return deserializerInstance;
}

type Envelope =
  | { schema: 'eventgrid'; event: EventGridEvent<unknown> }
  | { schema: 'cloudevents'; event: CloudEvent<unknown> };

type Verdict =
  | { kind: 'accepted'; intent: ResourceWriteIntent }
  | { kind: 'ignored' | 'rejected'; reason: string };

const ignore = (reason: string): Verdict => ({ kind: 'ignored', reason });
const reject = (reason: string): Verdict => ({ kind: 'rejected', reason });

/**
 * Parses what Event Grid delivered: one event or an array, in the Event Grid schema or CloudEvents
 * 1.0. Every event ends in exactly one of accepted, ignored or rejected; this never throws, whatever
 * the body holds. Async only because the SDK's deserializer is.
 */
export async function parseEventBatch(body: unknown, catalog: EventCatalog): Promise<ParsedBatch> {
  const batch: ParsedBatch = { accepted: [], ignored: [], rejected: [] };
  const events = Array.isArray(body) ? body : [body];
  if (events.length === 0) return batch;
  if (events.length > MAX_BATCH_SIZE) {
    batch.rejected.push({
      eventId: null,
      reason: `the batch holds ${events.length} events; Event Grid delivers at most ${MAX_BATCH_SIZE}, so none was read`,
    });
    return batch;
  }
  for (const raw of events) {
    let eventId: string | null = null;
    let verdict: Verdict;
    try {
      eventId = readableEventId(raw);
      verdict = await parseEvent(raw, catalog);
    } catch (err) {
      // parseEvent is written not to throw; this keeps the promise for inputs nobody foresaw.
      verdict = reject(`event could not be read: ${shorten(err instanceof Error ? err.message : 'unknown error')}`);
    }
    if (verdict.kind === 'accepted') batch.accepted.push(verdict.intent);
    else batch[verdict.kind].push({ eventId, reason: verdict.reason });
  }
  return batch;
}

async function parseEvent(raw: unknown, catalog: EventCatalog): Promise<Verdict> {
  if (!isPlainObject(raw)) return reject(`an event must be a JSON object, got ${describeKind(raw)}`);

  const envelope = await deserialize(raw);
  if ('error' in envelope) return reject(envelope.error);
  const { event } = envelope;

  const eventId = cleanString(event.id, MAX_EVENT_ID_LENGTH);
  if (eventId === null) return reject(`the event id must be printable text of 1 to ${MAX_EVENT_ID_LENGTH} characters`);

  const eventType = envelope.schema === 'eventgrid' ? envelope.event.eventType : envelope.event.type;
  const isWriteSuccess = isEventOfType(envelope, RESOURCE_WRITE_SUCCESS);
  const isCreatedOrUpdated = isEventOfType(envelope, RESOURCE_CREATED_OR_UPDATED);
  if (!isWriteSuccess && !isCreatedOrUpdated) return ignore(whyTypeIsIgnored(eventType));

  // The SDK copies `data` without checking it (a string becomes {"0":…}), so check what was sent.
  const data = ownValue(raw, 'data');
  if (!isPlainObject(data)) return reject(`the event data must be a JSON object, got ${describeKind(data)}`);

  const subject = ownValue(raw, 'subject');
  // SDK types say `resourceDetails` for Resource Notifications; the wire says `resourceInfo`.
  const candidates = isWriteSuccess
    ? [['data.resourceUri', ownValue(data, 'resourceUri')], ['subject', subject]]
    : [
        ['data.resourceInfo.id', ownValue(ownValue(data, 'resourceInfo'), 'id')],
        ['data.resourceDetails.id', ownValue(ownValue(data, 'resourceDetails'), 'id')],
        ['subject', subject],
      ];
  const named = candidates.filter((c): c is [string, string] => typeof c[1] === 'string' && c[1] !== '');
  if (named.length === 0) return reject(`the event names no resource (${candidates.map((c) => c[0]).join(', ')} all missing)`);

  const [primaryField, primaryId] = named[0];
  const written = classifyResourceId(primaryId, primaryField);
  if (written.kind !== 'resource') return written.verdict;
  for (const [field, other] of named.slice(1)) {
    const parsed = tryParse(other);
    if (!parsed || parsed.id.toLowerCase() !== written.id.id.toLowerCase()) {
      return reject(`${primaryField} and ${field} name different resources (${shorten(primaryId)} vs ${shorten(other)})`);
    }
  }

  const topicField = envelope.schema === 'eventgrid' ? 'topic' : 'source';
  const topicProblem = checkTopic(ownValue(raw, topicField), topicField, written.id);
  if (topicProblem) return reject(topicProblem);
  const dataSubscription = ownValue(data, 'subscriptionId');
  if (dataSubscription !== undefined && (typeof dataSubscription !== 'string' || dataSubscription.toLowerCase() !== written.id.subscriptionId.toLowerCase())) {
    return reject(`data.subscriptionId ${shown(dataSubscription)} does not match the resource's subscription ${written.id.subscriptionId}`);
  }

  if (written.id.type.toLowerCase().startsWith('microsoft.resources/deployments')) {
    return ignore('a deployment write: the resources it deploys raise their own write events');
  }
  const evaluated = evaluatedResourceOf(written.id, catalog);
  if (!evaluated.covered) return ignore(evaluated.reason);

  const claims = ownValue(data, 'claims');
  return {
    kind: 'accepted',
    intent: {
      eventId,
      eventType,
      operationName: cleanText(ownValue(data, 'operationName')),
      subscriptionId: written.id.subscriptionId.toLowerCase(),
      writtenResourceId: written.id.id,
      resourceId: evaluated.resourceId,
      resourceType: evaluated.resourceType,
      // Resource Notifications carry no claims: no actor, and no way to spot our own writes.
      ...(claims === undefined ? NO_ACTOR : actorFromClaims(claims)),
      // Stored in records and logs: masked like the claims. The event id is not (it keys
      // de-duplication and record ids); the audit store's pass masks it in the record itself.
      correlationId: cleanText(ownValue(data, 'correlationId')),
      eventTime: isoTime(envelope.schema === 'eventgrid' ? envelope.event.eventTime : envelope.event.time),
    },
  };
}

async function deserialize(raw: Record<string, unknown>): Promise<Envelope | { error: string }> {
  const cloudEvent = looksLikeCloudEvent(raw);
  try {
    // One event at a time, so one bad event in a batch does not sink the others.
    if (cloudEvent) {
      const [event] = await deserializer().deserializeCloudEvents(raw);
      return { schema: 'cloudevents', event };
    }
    const [event] = await deserializer().deserializeEventGridEvents(raw);
    return { schema: 'eventgrid', event };
  } catch (err) {
    const schema = cloudEvent ? 'a CloudEvents 1.0 event' : 'an Event Grid schema event';
    return { error: `not ${schema}: ${shorten(describeError(err))}` };
  }
}

/**
 * The SDK's own type test. Its type guard would also narrow `data` to the SDK's model, which the
 * wire does not match (`resourceInfo`, 1/0 booleans), so data is read as unknown below.
 */
function isEventOfType(envelope: Envelope, type: typeof RESOURCE_WRITE_SUCCESS | typeof RESOURCE_CREATED_OR_UPDATED): boolean {
  return envelope.schema === 'eventgrid' ? eventGridSdk().isSystemEvent(type, envelope.event) : eventGridSdk().isSystemEvent(type, envelope.event);
}

function looksLikeCloudEvent(raw: Record<string, unknown>): boolean {
  if ('specversion' in raw || 'specVersion' in raw) return true;
  if ('eventType' in raw) return false;
  return 'source' in raw || 'type' in raw;
}

function whyTypeIsIgnored(eventType: string): string {
  const shown = shorten(eventType);
  if (eventType === SUBSCRIPTION_VALIDATION) return 'an Event Grid subscription validation event (the Functions host answers the handshake)';
  if (/Delete(Success|Failure|Cancel)$|\.Deleted$/.test(eventType)) return `${shown}: a delete leaves nothing to evaluate`;
  if (/Failure$/.test(eventType)) return `${shown}: a failed operation changed nothing`;
  if (/Cancel$/.test(eventType)) return `${shown}: a cancelled operation changed nothing`;
  if (/^Microsoft\.Resources\.ResourceAction/.test(eventType)) return `${shown}: an action (POST) is not a configuration write`;
  return `${shown} is not a resource write event`;
}

type IdClassification = { kind: 'resource'; id: ResourceId } | { kind: 'other'; verdict: Verdict };

// A well-formed id above resource level: the subscription itself or a provider resource in it.
const SUBSCRIPTION_SCOPE = /^\/subscriptions\/[^/]+(\/providers\/[^/]+(\/[^/]+\/[^/]+)*)?\/?$/i;

/**
 * Malformed ids (traversal, encoded slashes, junk) are rejected; well-formed ids that are not a
 * resource in a resource group (resource groups, subscription-scope and extension resources) are
 * ignored: no control evaluates them, and the sweep catches tag changes that affect exemptions.
 */
function classifyResourceId(raw: string, field: string): IdClassification {
  try {
    return { kind: 'resource', id: parseResourceId(raw) };
  } catch (err) {
    const refusal = resourceIdRefusal(err);
    if (refusal === 'resource-group') return { kind: 'other', verdict: ignore('a resource group write: no control evaluates resource groups') };
    if (refusal === 'extension-resource') {
      return { kind: 'other', verdict: ignore('an extension resource write (…/providers/…/providers/…): no control evaluates it') };
    }
    if (refusal === 'no-resource-group' && SUBSCRIPTION_SCOPE.test(raw)) {
      return { kind: 'other', verdict: ignore('a subscription-scope write: no control evaluates it') };
    }
    return { kind: 'other', verdict: reject(`${field} is not a usable resource id: ${shorten(describeError(err))}`) };
  }
}

function tryParse(raw: string): ResourceId | undefined {
  try {
    return parseResourceId(raw);
  } catch {
    return undefined;
  }
}

const TOPIC = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?(?:\/|$)/i;

/** The topic (or CloudEvents source) is where Event Grid says the event came from: it must contain the resource. */
function checkTopic(topic: unknown, field: string, resource: ResourceId): string | undefined {
  const match = typeof topic === 'string' ? TOPIC.exec(topic) : null;
  if (!match) return `the event ${field} ${shown(topic)} is not an Azure subscription or resource group`;
  const [, subscription, resourceGroup] = match;
  if (subscription.toLowerCase() !== resource.subscriptionId.toLowerCase()) {
    return `the resource's subscription ${resource.subscriptionId} does not match the event ${field} subscription ${shorten(subscription)}`;
  }
  if (resourceGroup !== undefined && resourceGroup.toLowerCase() !== resource.resourceGroup.toLowerCase()) {
    return `the resource's group ${resource.resourceGroup} does not match the event ${field} resource group ${shorten(resourceGroup)}`;
  }
  return undefined;
}

function isoTime(value: Date | undefined): string | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : null;
}

/** The id of an event that is not evaluated, for showing only (it keys nothing): masked. */
function readableEventId(raw: unknown): string | null {
  return cleanText(ownValue(raw, 'id'), MAX_EVENT_ID_LENGTH);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** A value for a message: strings shortened, anything else by kind (String() throws on some objects). */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(shorten(value)) : describeKind(value);
}

function shorten(text: string): string {
  return quoteUntrusted(text, MAX_SHOWN_LENGTH);
}
