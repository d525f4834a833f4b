import { cdnSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject, JsonObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { sdkWritable } from '../../azure/kinds/from-facts';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { leafPaths } from '../../engine/patches';
import { updateOf } from '../facts';
import { facts as cdnFacts } from './facts';
import { CUSTOM_DOMAIN_TYPE, ENDPOINT_TYPE } from './shared';
import { sameType } from '../../controls/types';

/** Endpoints_Update's writable scalars (EndpointUpdateParameters flattens properties under the wire names). */
const ENDPOINT_WRITABLE = sdkWritable(updateOf(cdnFacts, ENDPOINT_TYPE));

/** AFDCustomDomains_Update's writable leaves (wire paths from the body root). */
const WRITABLE = new Set(Object.keys(updateOf(cdnFacts, CUSTOM_DOMAIN_TYPE).writable));

/**
 * The SDK model of a wire PATCH body. AFDDomainUpdateParameters flattens `properties`, and its nested
 * objects (tlsSettings, azureDnsZone, preValidatedCustomDomainResourceId) use the wire names, so the
 * objects pass through as they are. Every leaf must be one the facts name: the SDK's serialiser drops
 * unknown fields silently, and a fix that writes less than planned must never be recorded as done.
 */
function toDomainUpdate(body: JsonObject): Record<string, unknown> {
  for (const key of Object.keys(body)) {
    if (key !== 'properties') throw new WardenError('INVALID_INPUT', `Front Door custom domain PATCH: only properties can be patched, got top-level ${key}`);
  }
  const properties = body.properties;
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) {
    throw new WardenError('INVALID_INPUT', 'Front Door custom domain PATCH: properties must be an object');
  }
  for (const path of leafPaths(body)) {
    if (!WRITABLE.has(path)) throw new WardenError('INVALID_INPUT', `Front Door custom domain PATCH: ${path} is not writable through this gateway`);
  }
  return { ...properties };
}

/**
 * Azure Front Door Standard/Premium custom domains and classic CDN endpoints (@azure/arm-cdn 9.0.0,
 * api 2023-05-01). Both are children of a profile: names are [profile, child]. Both updates are
 * long-running; the SDK polls the Azure-AsyncOperation monitor and then GETs the resource.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (cdnSdk().CdnManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const isEndpoint = (id: ResourceId): boolean => sameType(id.type, ENDPOINT_TYPE);
  const get = (id: ResourceId): Promise<ArmObject> =>
    callForWire((o) =>
      isEndpoint(id)
        ? client(id.subscriptionId).endpoints.get(id.resourceGroup, id.names[0], id.names[1], o)
        : client(id.subscriptionId).afdCustomDomains.get(id.resourceGroup, id.names[0], id.names[1], o),
    );
  return {
    resourceTypes: [CUSTOM_DOMAIN_TYPE, ENDPOINT_TYPE],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${id.type} has no document ${target}`);
      return get(id);
    },
    async patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${id.type} has no document ${target}`);
      const [profile, child] = id.names;
      const poll = { updateIntervalInMs: settings.pollIntervalMs };
      if (isEndpoint(id)) {
        const model = toSdkModel(body, ENDPOINT_WRITABLE, 'CDN endpoint PATCH');
        return callForWire((o) => client(id.subscriptionId).endpoints.beginUpdateAndWait(id.resourceGroup, profile, child, model, { ...o, ...poll }), () => get(id));
      }
      const model = toDomainUpdate(body);
      return callForWire(
        (o) => client(id.subscriptionId).afdCustomDomains.beginUpdateAndWait(id.resourceGroup, profile, child, model, { ...o, ...poll }),
        // The end of the operation may not be the resource (see callForWire): then read it.
        () => get(id),
      );
    },
  };
};
