import { redisEnterpriseSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { facts as redisEnterpriseFacts } from './facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

/** Databases_Update's writable scalars (the SDK model uses the wire names). */
const WRITABLE = sdkWritable(updateOf(redisEnterpriseFacts, 'Microsoft.Cache/redisEnterprise/databases'));

/**
 * Redis Enterprise / Azure Managed Redis databases (@azure/arm-redisenterprisecache 2.2, api
 * 2022-01-01). A database is a child resource: names are [cluster, database]. Databases_Update is
 * long-running.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (redisEnterpriseSdk().RedisEnterpriseManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const get = (id: ResourceId): Promise<ArmObject> =>
    callForWire((o) => client(id.subscriptionId).databases.get(id.resourceGroup, id.names[0], id.names[1], o));
  return {
    resourceTypes: ['Microsoft.Cache/redisEnterprise/databases'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Redis Enterprise databases have no document ${target}`);
      return get(id);
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Redis Enterprise databases have no document ${target}`);
      const model = toSdkModel(body, WRITABLE, 'Redis Enterprise database PATCH');
      const [cluster, database] = id.names;
      return callForWire((o) =>
        client(id.subscriptionId).databases.beginUpdateAndWait(id.resourceGroup, cluster, database, model, {
          ...o,
          updateIntervalInMs: settings.pollIntervalMs,
        }),
        // The end of the operation may not be the resource (see callForWire): then read it.
        () => get(id),
      );
    },
  };
};
