import { cdnSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject, JsonObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { leafPaths } from '../../engine/patches';
import { updateOf } from '../facts';
import { facts as cdnFacts } from './facts';
import { CUSTOM_DOMAIN_TYPE } from './shared';

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
 * Azure Front Door Standard/Premium custom domains (@azure/arm-cdn 9.0.0, api 2023-05-01). A custom
 * domain is a child of its profile: names are [profile, domain]. AFDCustomDomains_Update is
 * long-running; the SDK polls the Azure-AsyncOperation monitor and then GETs the domain.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (cdnSdk().CdnManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const get = (id: ResourceId): Promise<ArmObject> =>
    callForWire((o) => client(id.subscriptionId).afdCustomDomains.get(id.resourceGroup, id.names[0], id.names[1], o));
  return {
    resourceTypes: [CUSTOM_DOMAIN_TYPE],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Front Door custom domains have no document ${target}`);
      return get(id);
    },
    async patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Front Door custom domains have no document ${target}`);
      const model = toDomainUpdate(body);
      const [profile, domain] = id.names;
      return callForWire(
        (o) => client(id.subscriptionId).afdCustomDomains.beginUpdateAndWait(id.resourceGroup, profile, domain, model, { ...o, updateIntervalInMs: settings.pollIntervalMs }),
        // The end of the operation may not be the resource (see callForWire): then read it.
        () => get(id),
      );
    },
  };
};
