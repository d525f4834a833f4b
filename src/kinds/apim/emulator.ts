import type { ArmObject, Json, JsonObject } from '../../controls/types';
import { facts as apimFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/**
 * What ApiManagementService_Update does to customProperties (its spec description): keys the PATCH
 * omits go back to their defaults, i.e. the map sent replaces the map held. A PATCH carrying only
 * the keys it changes therefore loses the others here, as it would in Azure.
 */
function replaceCustomProperties(service: ArmObject, body: JsonObject): void {
  const sent = isObject(body.properties) ? body.properties.customProperties : undefined;
  if (!isObject(sent) || !isObject(service.properties)) return;
  service.properties.customProperties = structuredClone(sent);
}

/**
 * API Management services and their APIs: the rules come from the kind's spec facts (for APIs the
 * header ETag and the required If-Match too); the map replacement is the service's behaviour.
 */
export const emulator: SandboxKind = {
  name: 'apim',
  types: apimFacts.types.map((type) => (type.type === 'Microsoft.ApiManagement/service' ? sandboxType(type, { afterPatch: replaceCustomProperties }) : sandboxType(type))),
};
