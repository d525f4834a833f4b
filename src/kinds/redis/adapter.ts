import { redisCacheSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import type { ArmObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { facts as redisFacts } from './facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

/** Redis_Update's writable set (RedisUpdateProperties; the SDK model uses the wire names). */
const WRITABLE = sdkWritable(updateOf(redisFacts, 'Microsoft.Cache/Redis'));

/** Azure Cache for Redis. Update exists only as a long-running operation (beginUpdate). */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (redisCacheSdk().RedisManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  const get = (id: ResourceId): Promise<ArmObject> => callForWire((o) => client(id.subscriptionId).redis.get(id.resourceGroup, id.names[0], o));
  return {
    resourceTypes: ['Microsoft.Cache/Redis'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Redis caches have no document ${target}`);
      return get(id);
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Redis caches have no document ${target}`);
      const model = toSdkModel(body, WRITABLE, 'Redis PATCH');
      // Since api 2024-11-01 Redis_Update is long-running and its Location is the asyncOperations
      // monitor (azure-cli recording test_redis_cache_update.yaml), so the SDK ends on an operation
      // status, not the cache: callForWire then reads the cache, and the engine verifies that.
      return callForWire((o) =>
        client(id.subscriptionId).redis.beginUpdateAndWait(id.resourceGroup, id.names[0], model, {
          ...o,
          updateIntervalInMs: settings.pollIntervalMs,
        }),
        // The end of the operation may not be the resource (see callForWire): then read it.
        () => get(id),
      );
    },
  };
};
