import { eventHubSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { facts as eventHubFacts } from './facts';
import { updateOf } from '../facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

/** Namespaces_Update's writable set (the SDK model is generated from the same api-version's spec). */
const WRITABLE = sdkWritable(updateOf(eventHubFacts, 'Microsoft.EventHub/Namespaces'));

/** Event Hubs namespaces (@azure/arm-eventhub 5.2, api 2024-01-01). Namespaces_Update is a plain PATCH. */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (eventHubSdk().EventHubManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const get = (id: ResourceId): Promise<ArmObject> => callForWire((o) => client(id.subscriptionId).namespaces.get(id.resourceGroup, id.names[0], o));
  return {
    resourceTypes: ['Microsoft.EventHub/namespaces'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Event Hubs namespaces have no document ${target}`);
      return get(id);
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Event Hubs namespaces have no document ${target}`);
      const model = toSdkModel(body, WRITABLE, 'Event Hubs namespace PATCH');
      // Namespaces_Update may answer 201/202 without the namespace: then read back what ARM holds.
      return callForWire(
        (o) => client(id.subscriptionId).namespaces.update(id.resourceGroup, id.names[0], model, o),
        () => get(id),
      );
    },
  };
};
