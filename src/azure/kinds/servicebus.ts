import { serviceBusSdk } from '../sdk';
import type { PipelineResponse, RestError } from '@azure/core-rest-pipeline';
import { coreRestPipeline } from '../sdk';
import type { ArmObject, JsonObject } from '../../controls/types';
import { WardenError } from '../../errors';
import type { ResourceId } from '../resource-id';
import { clientCache, sdkOptions, type KindAdapterFactory } from './kind';

/**
 * The api-version that has minimumTlsVersion. @azure/arm-servicebus 6.x targets 2021-11-01, whose
 * model lacks the property: namespaces.update({minimumTlsVersion}) goes out as `{}` and the fix would
 * never land (test/engine/wave2.test.ts pins the wire body).
 */
export const SERVICE_BUS_API_VERSION = '2024-01-01';
export const PUBLIC_ARM = 'https://management.azure.com';

/** Wire properties a PATCH may carry; anything else is refused, as toSdkModel does for the other kinds. */
const WRITABLE = new Set(['minimumTlsVersion']);

interface ArmErrorBody {
  error?: { code?: string; message?: string };
}

/**
 * Service Bus namespaces, read and patched at api-version 2024-01-01 through the SDK client's own
 * pipeline (ServiceClient.sendRequest): the same credential, bearer policy, retry and throttling
 * handling as every SDK call, only the request is built here rather than by the 2021-11-01 operation.
 * Both the read and the write use 2024-01-01, so the control sees minimumTlsVersion as ARM stores it.
 */
export const serviceBusAdapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (serviceBusSdk().ServiceBusManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const base = (settings.endpoint ?? PUBLIC_ARM).replace(/\/+$/, '');

  async function send(id: ResourceId, method: 'GET' | 'PATCH', body?: JsonObject): Promise<ArmObject> {
    const path = id.id.split('/').map((segment) => encodeURIComponent(segment)).join('/');
    const request = coreRestPipeline().createPipelineRequest({
      url: `${base}${path}?api-version=${SERVICE_BUS_API_VERSION}`,
      method,
      headers: coreRestPipeline().createHttpHeaders({ accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) }),
      body: body ? JSON.stringify(body) : undefined,
    });
    const response = await client(id.subscriptionId).sendRequest(request);
    if (response.status >= 400) throw restError(response);
    const parsed = parse(response.bodyAsText);
    if (parsed && typeof parsed.id === 'string' && typeof parsed.type === 'string') return parsed;
    if (method === 'PATCH') {
      // Namespaces_Update may answer 201/202 without the namespace: read back what ARM now holds.
      return send(id, 'GET');
    }
    throw new WardenError('ARM_REQUEST_FAILED', `GET ${id.id}: ARM returned no resource body (status ${response.status})`);
  }

  return {
    resourceTypes: ['Microsoft.ServiceBus/namespaces'],
    targets: [],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Service Bus namespaces have no document ${target}`);
      return send(id, 'GET');
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Service Bus namespaces have no document ${target}`);
      return send(id, 'PATCH', checkedBody(body));
    },
  };
};

function checkedBody(body: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'properties') throw new WardenError('INVALID_INPUT', `Service Bus namespace PATCH: only properties can be patched, got top-level ${key}`);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new WardenError('INVALID_INPUT', 'Service Bus namespace PATCH: properties must be an object');
    for (const name of Object.keys(value)) {
      if (!WRITABLE.has(name)) throw new WardenError('INVALID_INPUT', `Service Bus namespace PATCH: property ${name} is not writable through this gateway`);
    }
  }
  return body;
}

function parse(text: string | undefined | null): ArmObject | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ArmObject) : undefined;
  } catch {
    return undefined;
  }
}

/** The same RestError an SDK operation throws, so the gateway maps 404/429/other as for every kind. */
export function restError(response: PipelineResponse): RestError {
  const body = parse(response.bodyAsText) as ArmErrorBody | undefined;
  const code = body?.error?.code;
  const message = body?.error?.message ?? `ARM answered ${response.status}`;
  return new (coreRestPipeline().RestError)(message, { code, statusCode: response.status, request: response.request, response });
}
