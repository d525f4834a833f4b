import { serviceBusSdk } from '../sdk';
import { armUrl, resourceBody, sendArmRequest } from '../arm-request';
import type { ArmObject, JsonObject } from '../../controls/types';
import { WardenError } from '../../errors';
import { toSdkModel } from '../wire';
import type { ResourceId } from '../resource-id';
import { clientCache, sdkOptions, type KindAdapterFactory } from './kind';

/**
 * The api-version that has minimumTlsVersion. @azure/arm-servicebus 6.x targets 2021-11-01, whose
 * model lacks the property: namespaces.update({minimumTlsVersion}) goes out as `{}` and the fix would
 * never land (test/engine/enforce-cases.test.ts pins the wire body).
 */
export const SERVICE_BUS_API_VERSION = '2024-01-01';

/** Wire properties a PATCH may carry; anything else is refused (toSdkModel checks, the wire body is sent). */
const WRITABLE = { minimumTlsVersion: 'minimumTlsVersion' } as const;

/**
 * Service Bus namespaces, read and patched at api-version 2024-01-01 through the SDK client's own
 * pipeline (ServiceClient.sendRequest): the same credential, bearer policy, retry and throttling
 * handling as every SDK call, only the request is built here rather than by the 2021-11-01 operation.
 * Both the read and the write use 2024-01-01, so the control sees minimumTlsVersion as ARM stores it.
 */
export const serviceBusAdapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (serviceBusSdk().ServiceBusManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));

  async function send(id: ResourceId, method: 'GET' | 'PATCH', body?: JsonObject): Promise<ArmObject> {
    const response = await sendArmRequest(client(id.subscriptionId), armUrl(settings.endpoint, id.id, SERVICE_BUS_API_VERSION), method, body);
    const resource = resourceBody(response);
    if (resource) return resource;
    if (method === 'PATCH') {
      // Namespaces_Update may answer 201/202 without the namespace: read back what ARM now holds.
      return send(id, 'GET');
    }
    throw new WardenError('ARM_REQUEST_FAILED', `GET ${id.id}: ARM returned no resource body (status ${response.status})`);
  }

  return {
    resourceTypes: ['Microsoft.ServiceBus/namespaces'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Service Bus namespaces have no document ${target}`);
      return send(id, 'GET');
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Service Bus namespaces have no document ${target}`);
      toSdkModel(body, WRITABLE, 'Service Bus namespace PATCH');
      return send(id, 'PATCH', body);
    },
  };
};
