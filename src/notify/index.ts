import type { TokenCredential } from '@azure/core-auth';
import { SETTINGS, notifyTopicEndpointFromEnv } from '../config';
import type { Notifier } from '../engine/ports';
import { EventGridNotifier } from './event-grid-notifier';

export {
  DEFAULT_EVENT_SOURCE, EventGridNotifier, MAX_BYTES_PER_REQUEST, MAX_EVENTS_PER_REQUEST, OUTCOME_EVENT_TYPES,
  chunkEvents, outcomeEventType, toCloudEvent, validateTopicEndpoint,
  type EventGridNotifierOptions, type OutcomeEventData, type OutcomeEventType,
} from './event-grid-notifier';

export const NOTIFY_TOPIC_ENDPOINT_SETTING = SETTINGS.notifyTopicEndpoint;

/** A notifier for the topic endpoint (validated by src/config.ts), or undefined without one. */
export function notifierFor(endpoint: string | undefined, credential: TokenCredential): Notifier | undefined {
  return endpoint ? new EventGridNotifier({ endpoint, credential }) : undefined;
}

/**
 * The notifier the app settings ask for, or undefined when TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT is
 * unset or blank (notifications are optional). A malformed or non-https endpoint fails at start-up
 * with INVALID_CONFIG rather than silently dropping notifications later.
 */
export function notifierFromEnv(env: NodeJS.ProcessEnv, credential: TokenCredential): Notifier | undefined {
  return notifierFor(notifyTopicEndpointFromEnv(env), credential);
}
