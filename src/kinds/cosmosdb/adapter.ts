import { cosmosDbSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { facts as cosmosDbFacts } from './facts';
import { updateOf } from '../facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

/** DatabaseAccounts_Update's writable scalars (the SDK model uses the wire names). */
const WRITABLE = sdkWritable(updateOf(cosmosDbFacts, 'Microsoft.DocumentDB/databaseAccounts'));

/**
 * Cosmos DB accounts (@azure/arm-cosmosdb 16.4). DatabaseAccounts_Update is long-running and can take
 * minutes in Azure; the poll interval is the gateway's.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (cosmosDbSdk().CosmosDBManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const get = (id: ResourceId): Promise<ArmObject> => callForWire((o) => client(id.subscriptionId).databaseAccounts.get(id.resourceGroup, id.names[0], o));
  return {
    resourceTypes: ['Microsoft.DocumentDB/databaseAccounts'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Cosmos DB accounts have no document ${target}`);
      return get(id);
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Cosmos DB accounts have no document ${target}`);
      const model = toSdkModel(body, WRITABLE, 'Cosmos DB account PATCH');
      return callForWire((o) =>
        client(id.subscriptionId).databaseAccounts.beginUpdateAndWait(id.resourceGroup, id.names[0], model, {
          ...o,
          updateIntervalInMs: settings.pollIntervalMs,
        }),
        // The end of the operation may not be the resource (see callForWire): then read it.
        () => get(id),
      );
    },
  };
};
