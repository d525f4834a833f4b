import { apiManagementSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject, Json, JsonObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { sdkWritable } from '../../azure/kinds/from-facts';
import { facts as apimFacts } from './facts';

const SERVICE_TYPE = 'Microsoft.ApiManagement/service';
const API_TYPE = 'Microsoft.ApiManagement/service/apis';
const UPDATE = updateOf(apimFacts, SERVICE_TYPE);
/** Api_Update's writable scalars and string arrays (protocols: a Sequence of String in the SDK's mapper, sent as given). */
const API_WRITABLE = sdkWritable(updateOf(apimFacts, API_TYPE));

/** What an SDK response offers beside its body: the headers (Api_Get's ETag is one). */
interface HeaderedResponse {
  headers?: { get(name: string): string | undefined };
}

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

  /**
   * The ETag each API's last GET (or PATCH) answered in its header, by id: Api_Update requires
   * If-Match, and the write must carry the ETag of the read its fix was computed from. The engine
   * reads through this adapter just before it writes, so the last read is that read.
   */
  const etags = new Map<string, string>();
  const keyOf = (id: ResourceId): string => id.id.toLowerCase();
  function remember(id: ResourceId): (response: HeaderedResponse) => void {
    return (response) => {
      const etag = response.headers?.get('etag');
      if (etag !== undefined && etag !== '') etags.set(keyOf(id), etag);
    };
  }

  const getApi = (id: ResourceId): Promise<ArmObject> => {
    etags.delete(keyOf(id));
    return callForWire((o) => client(id.subscriptionId).api.get(id.resourceGroup, id.names[0], id.names[1], {
      ...o,
      onResponse: (response) => {
        o.onResponse(response);
        remember(id)(response);
      },
    }));
  };

  function patchApi(id: ResourceId, body: JsonObject): Promise<ArmObject> {
    const model = toSdkModel(body, API_WRITABLE, 'API Management API PATCH');
    const ifMatch = etags.get(keyOf(id));
    if (ifMatch === undefined) {
      // Never "*": a write that no read's ETag guards could overwrite a change the fix did not see.
      // As a 412 would, this sends the evaluation round again, and its read supplies the ETag.
      throw new WardenError('ARM_REQUEST_FAILED', `API Management API PATCH of ${id.id}: no ETag from a read of it to send as If-Match; read it again`, { status: 412 });
    }
    return callForWire(
      (o) => client(id.subscriptionId).api.update(id.resourceGroup, id.names[0], id.names[1], ifMatch, model, {
        ...o,
        onResponse: (response) => {
          o.onResponse(response);
          remember(id)(response);
        },
      }),
      () => getApi(id),
    );
  }

  const isApi = (id: ResourceId): boolean => id.type.toLowerCase() === API_TYPE.toLowerCase();

  return {
    resourceTypes: [SERVICE_TYPE, API_TYPE],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `API Management services and APIs have no document ${target}`);
      return isApi(id) ? getApi(id) : get(id);
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `API Management services and APIs have no document ${target}`);
      return isApi(id) ? patchApi(id, body) : patch(id, body);
    },
  };
};
