import { apiManagementSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject, Json, JsonObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { facts as apimFacts } from './facts';

const UPDATE = updateOf(apimFacts, 'Microsoft.ApiManagement/service');

/**
 * What this gateway writes: customProperties only. sdkWritable leaves objects out because the SDK
 * renames fields inside them; customProperties is a Dictionary of strings in the SDK's mapper, which
 * serialises each key as given, so the wire map reaches ARM unchanged.
 */
const WRITABLE: Readonly<Record<string, string>> = UPDATE.writable['properties.customProperties'] === 'object' ? { customProperties: 'customProperties' } : {};

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/**
 * API Management services (@azure/arm-apimanagement 10.0.0, api 2024-05-01). ApiManagementService_Update
 * resets the customProperties keys a PATCH omits (the spec's description), so a fix's keys are sent
 * inside the map as read just before the write: every other key keeps its value.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (apiManagementSdk().ApiManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const get = (id: ResourceId): Promise<ArmObject> => callForWire((o) => client(id.subscriptionId).apiManagementService.get(id.resourceGroup, id.names[0], o));

  async function patch(id: ResourceId, body: JsonObject): Promise<ArmObject> {
    toSdkModel(body, WRITABLE, 'API Management service PATCH');
    const properties = body.properties;
    const wanted = isObject(properties) ? properties.customProperties : undefined;
    if (!isObject(wanted)) throw new WardenError('INVALID_INPUT', 'API Management service PATCH: properties.customProperties must be an object');
    const current = await get(id);
    const currentProperties = current.properties;
    const read = isObject(currentProperties) && isObject(currentProperties.customProperties) ? currentProperties.customProperties : {};
    const customProperties: JsonObject = { ...read, ...wanted };
    return callForWire(
      (o) => client(id.subscriptionId).apiManagementService.beginUpdateAndWait(id.resourceGroup, id.names[0], { customProperties: customProperties as Record<string, string> }, {
        ...o,
        updateIntervalInMs: settings.pollIntervalMs,
      }),
      // The operation may end on its monitor rather than the service (see callForWire): then read it.
      () => get(id),
    );
  }

  return {
    resourceTypes: ['Microsoft.ApiManagement/service'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `API Management services have no document ${target}`);
      return get(id);
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `API Management services have no document ${target}`);
      return patch(id, body);
    },
  };
};
