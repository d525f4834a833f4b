import { resourcesSdk } from '../../azure/sdk';
import { armUrl, getResource, resourceBody, sendArmRequest } from '../../azure/arm-request';
import type { ArmObject, JsonObject } from '../../controls/types';
import { readPath } from '../../controls/types';
import { readBackUntil, showsWritten } from '../common/read-back';
import { WardenError, describeError } from '../../errors';
import type { ResourceId } from '../../core/resource-id';
import { toSdkModel } from '../../azure/wire';
import { sdkWritable } from '../../azure/kinds/from-facts';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { typeFacts, updateOf } from '../facts';
import { facts as eventGridFacts } from './facts';

const TOPICS = 'Microsoft.EventGrid/topics';
const DOMAINS = 'Microsoft.EventGrid/domains';

/** The api-version of the facts (2025-02-15): the first stable one whose update models have minimumTlsVersionAllowed. */
export const EVENT_GRID_API_VERSION = updateOf(eventGridFacts, TOPICS).apiVersion;

/** Each type's update model, as the properties a fix may set (toSdkModel checks; the wire body is sent). */
const WRITABLE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [TOPICS.toLowerCase()]: sdkWritable(updateOf(eventGridFacts, TOPICS)),
  [DOMAINS.toLowerCase()]: sdkWritable(updateOf(eventGridFacts, DOMAINS)),
};

/** How long a long-running update may take to show on the resource before the engine records it unverified. */
const SETTLE_TIMEOUT_MS = 5 * 60_000;

/** provisioningState values of TopicProvisioningState / DomainProvisioningState that mean the update is still running. */
const RUNNING = new Set(['creating', 'updating']);

function settledWith(resource: ArmObject, body: JsonObject): boolean {
  const state = readPath(resource, 'properties.provisioningState');
  const running = typeof state === 'string' && RUNNING.has(state.toLowerCase());
  return !running && showsWritten(resource, body);
}

/**
 * Event Grid custom topics and domains, read and written at 2025-02-15 through the
 * @azure/arm-resources client's pipeline (ServiceClient.sendRequest: the SDK's credential, bearer
 * policy, retries and throttling handling; only the request is built here). @azure/arm-eventgrid
 * 14.1.0 speaks 2022-06-15, whose models have no minimumTlsVersionAllowed, so it is not used.
 *
 * Topics_Update and Domains_Update are plain PATCHes of the update model, long-running without
 * options: 200 (no body) or 201 (the resource, possibly still Updating). The adapter does not follow
 * the provider's monitors — no recording shows their URLs, and a least-privileged role could not be
 * shown to cover them — it reads the resource (…/read, which the role has) until the PATCHed values
 * show and provisioningState is no longer Creating/Updating, bounded.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (resourcesSdk().ResourceManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const read = (id: ResourceId): Promise<ArmObject> => getResource(client(id.subscriptionId), settings.endpoint, id.id, EVENT_GRID_API_VERSION);

  const settled = (id: ResourceId, body: JsonObject): Promise<ArmObject> =>
    readBackUntil(() => read(id), body, { timeoutMs: SETTLE_TIMEOUT_MS, pollIntervalMs: settings.pollIntervalMs, done: settledWith });

  return {
    resourceTypes: [TOPICS, DOMAINS],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Event Grid ${id.type} has no document ${target}`);
      return read(id);
    },
    async patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Event Grid ${id.type} has no document ${target}`);
      const type = typeFacts(eventGridFacts, id.type).type.toLowerCase();
      toSdkModel(body, WRITABLE[type], `Event Grid ${id.type} PATCH`);
      const response = await sendArmRequest(client(id.subscriptionId), armUrl(settings.endpoint, id.id, EVENT_GRID_API_VERSION), 'PATCH', body);
      const answered = resourceBody(response);
      if (answered && settledWith(answered, body)) return answered;
      try {
        return await settled(id, body);
      } catch (err) {
        // ARM accepted the PATCH; only watching it finish failed. The engine reads the resource back.
        throw new WardenError('WRITE_UNCONFIRMED', `ARM accepted the write, but the ${id.type} resource could not be read to see it finish: ${describeError(err)}`, undefined, { cause: err });
      }
    },
  };
};
