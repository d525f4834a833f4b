import { redisEnterpriseSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject } from '../../controls/types';
import { sameType } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { facts as redisEnterpriseFacts } from './facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

const CLUSTER_TYPE = 'Microsoft.Cache/redisEnterprise';
const DATABASE_TYPE = 'Microsoft.Cache/redisEnterprise/databases';

/**
 * The updates' writable scalars (the SDK models use the wire names; ClusterUpdate flattens
 * `properties`, which toSdkModel maps, as for the databases).
 */
const CLUSTER_WRITABLE = sdkWritable(updateOf(redisEnterpriseFacts, CLUSTER_TYPE));
const DATABASE_WRITABLE = sdkWritable(updateOf(redisEnterpriseFacts, DATABASE_TYPE));

/**
 * Redis Enterprise / Azure Managed Redis clusters and their databases (@azure/arm-redisenterprisecache
 * 2.2, api 2022-01-01, whose ClusterUpdate model carries minimumTlsVersion). A database is a child
 * resource: names are [cluster, database]. RedisEnterprise_Update and Databases_Update are both
 * long-running.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (redisEnterpriseSdk().RedisEnterpriseManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const isCluster = (id: ResourceId): boolean => sameType(id.type, CLUSTER_TYPE);
  const get = (id: ResourceId): Promise<ArmObject> =>
    isCluster(id)
      ? callForWire((o) => client(id.subscriptionId).redisEnterprise.get(id.resourceGroup, id.names[0], o))
      : callForWire((o) => client(id.subscriptionId).databases.get(id.resourceGroup, id.names[0], id.names[1], o));
  const selfOnly = (id: ResourceId, target: string): void => {
    if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Redis Enterprise ${isCluster(id) ? 'clusters' : 'databases'} have no document ${target}`);
  };
  return {
    resourceTypes: [CLUSTER_TYPE, DATABASE_TYPE],
    read(id, target) {
      selfOnly(id, target);
      return get(id);
    },
    patch(id, target, body) {
      selfOnly(id, target);
      const poll = { updateIntervalInMs: settings.pollIntervalMs };
      if (isCluster(id)) {
        const model = toSdkModel(body, CLUSTER_WRITABLE, 'Redis Enterprise cluster PATCH');
        return callForWire((o) =>
          client(id.subscriptionId).redisEnterprise.beginUpdateAndWait(id.resourceGroup, id.names[0], model, { ...o, ...poll }),
          // The end of the operation may not be the resource (see callForWire): then read it.
          () => get(id),
        );
      }
      const model = toSdkModel(body, DATABASE_WRITABLE, 'Redis Enterprise database PATCH');
      const [cluster, database] = id.names;
      return callForWire((o) =>
        client(id.subscriptionId).databases.beginUpdateAndWait(id.resourceGroup, cluster, database, model, { ...o, ...poll }),
        () => get(id),
      );
    },
  };
};
