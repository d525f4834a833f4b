import { serviceBusSdk } from '../../azure/sdk';
import { armUrl, getResource, resourceBody, sendArmRequest } from '../../azure/arm-request';
import type { ArmObject, JsonObject } from '../../controls/types';
import { cloneJson } from '../../core/json';
import { applyMergePatch } from '../../core/merge-patch';
import { WardenError } from '../../errors';
import { typeFacts, type WriteFact } from '../facts';
import { facts as serviceBusFacts } from './facts';
import { toSdkModel } from '../../azure/wire';
import type { ResourceId } from '../../core/resource-id';
import { sdkWritable } from '../../azure/kinds/from-facts';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';

const NAMESPACE = typeFacts(serviceBusFacts, 'Microsoft.ServiceBus/Namespaces');

/**
 * The api-version of the namespace's spec facts (2024-01-01), which has minimumTlsVersion.
 * @azure/arm-servicebus 6.x targets 2021-11-01, whose model lacks the property.
 */
export const SERVICE_BUS_API_VERSION = NAMESPACE.read.apiVersion;

function replaceOf(): WriteFact {
  if (!NAMESPACE.replace) throw new WardenError('INVALID_CONFIG', 'servicebus facts give no Namespaces_CreateOrUpdate');
  return NAMESPACE.replace;
}
const REPLACE = replaceOf();

/** Properties a fix may change: the PUT model's writable set (toSdkModel checks, the wire body is sent). */
const WRITABLE = sdkWritable(REPLACE);

/** What a PUT body leaves out: ARM's own keys and the readOnly paths of the facts (ARM ignores them). */
function writableDocument(document: ArmObject): JsonObject {
  const body = cloneJson(document) as JsonObject;
  for (const key of ['id', 'name', 'type', 'systemData', 'etag']) delete body[key];
  for (const path of NAMESPACE.readOnly) {
    const keys = path.split('.');
    let at: JsonObject | undefined = body;
    for (const key of keys.slice(0, -1)) {
      const next: unknown = at?.[key];
      at = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as JsonObject) : undefined;
    }
    if (at) delete at[keys[keys.length - 1]];
  }
  return body;
}

/**
 * Service Bus namespaces, read and written at api-version 2024-01-01 through the SDK client's own
 * pipeline (ServiceClient.sendRequest): the same credential, bearer policy, retry and throttling
 * handling as every SDK call, only the request is built here.
 *
 * The write is a PUT, not a PATCH: the spec's update model (SBNamespaceUpdateProperties) has no
 * minimumTlsVersion, so ARM would ignore it in a PATCH. As DESIGN's one exception allows, the namespace
 * is read and written back with only the fix's properties changed — as `az servicebus namespace update`
 * does. SBNamespace carries no ETag, so no If-Match can guard the gap between that read and the PUT;
 * one is sent whenever ARM does return an etag.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (serviceBusSdk().ServiceBusManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));

  const get = (id: ResourceId): Promise<ArmObject> => getResource(client(id.subscriptionId), settings.endpoint, id.id, SERVICE_BUS_API_VERSION);

  async function replace(id: ResourceId, patch: JsonObject): Promise<ArmObject> {
    const current = await get(id);
    const body = applyMergePatch(writableDocument(current), patch);
    const headers: Record<string, string> = typeof current.etag === 'string' ? { 'if-match': current.etag } : {};
    const response = await sendArmRequest(client(id.subscriptionId), armUrl(settings.endpoint, id.id, REPLACE.apiVersion), 'PUT', body, headers);
    // Namespaces_CreateOrUpdate may answer 201/202 without the namespace: read back what ARM now holds.
    return resourceBody(response) ?? get(id);
  }

  return {
    resourceTypes: ['Microsoft.ServiceBus/namespaces'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Service Bus namespaces have no document ${target}`);
      return get(id);
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Service Bus namespaces have no document ${target}`);
      toSdkModel(body, WRITABLE, 'Service Bus namespace write');
      return replace(id, body);
    },
    writeMethod: () => REPLACE.method,
  };
};
