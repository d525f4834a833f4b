import { containerAppsSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject, Json, JsonObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { facts as containerAppFacts } from './facts';

const TYPE = 'Microsoft.App/containerApps';
const UPDATE = updateOf(containerAppFacts, TYPE);

/**
 * The scalar paths of ContainerApps_Update the SDK model spells as the wire does below `properties`
 * (@azure/arm-appcontainers 4.0.0 flattens `properties` and serialises configuration.ingress' scalars
 * under their wire names). Objects and arrays are left out: their own serialisers rename and drop
 * fields, so a wire-shaped one could lose settings silently.
 */
const SDK_SCALARS: ReadonlySet<string> = new Set(
  Object.entries(UPDATE.writable)
    .filter(([path, fact]) => path.startsWith('properties.configuration.ingress.') && fact !== 'object' && fact !== 'array')
    .map(([path]) => path),
);

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every leaf of `body` must be one of SDK_SCALARS; the flattened SDK model is `properties`' content. */
function toSdkModel(body: JsonObject): JsonObject {
  const check = (value: Json, path: string): void => {
    if (isObject(value)) {
      for (const [key, inner] of Object.entries(value)) check(inner, `${path}.${key}`);
      return;
    }
    if (!SDK_SCALARS.has(path)) throw new WardenError('INVALID_INPUT', `Container App PATCH: ${path} is not writable through this gateway`);
  };
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'properties' || !isObject(value)) throw new WardenError('INVALID_INPUT', `Container App PATCH: only properties can be patched, got ${key}`);
    check(value, 'properties');
  }
  return isObject(body.properties) ? body.properties : {};
}

/**
 * Azure Container Apps (@azure/arm-appcontainers 4.0.0, api 2026-07-01). ContainerApps_Update is a
 * long-running JSON merge patch whose body is the ContainerApp model, a TrackedResource with a
 * required `location`: the adapter reads the app and sends its own location with the change
 * (location cannot change, so this writes nothing else).
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (containerAppsSdk().ContainerAppsAPIClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const get = (id: ResourceId): Promise<ArmObject> => callForWire((o) => client(id.subscriptionId).containerApps.get(id.resourceGroup, id.names[0], o));
  return {
    resourceTypes: [TYPE],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `container apps have no document ${target}`);
      return get(id);
    },
    async patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `container apps have no document ${target}`);
      const model = toSdkModel(body);
      const current = await get(id);
      if (typeof current.location !== 'string') throw new WardenError('ARM_REQUEST_FAILED', `container app ${id.resourceGroup}/${id.names[0]} has no location, which its PATCH requires`);
      const location = current.location;
      return callForWire(
        (o) => client(id.subscriptionId).containerApps.update(id.resourceGroup, id.names[0], { ...model, location }, { ...o, updateIntervalInMs: settings.pollIntervalMs }),
        // The 202's monitor ends with an operation status, not the app: read the app back.
        () => get(id),
      );
    },
  };
};
