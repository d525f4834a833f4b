import { redisCacheSdk } from '../sdk';
import { WardenError } from '../../errors';
import type { ArmObject } from '../../controls/types';
import type { ResourceId } from '../resource-id';
import { callForWire, toSdkModel } from '../wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from './kind';

const WRITABLE = { enableNonSslPort: 'enableNonSslPort', minimumTlsVersion: 'minimumTlsVersion' } as const;

/** Azure Cache for Redis. Update exists only as a long-running operation (beginUpdate). */
export const redisAdapter: KindAdapterFactory = (settings) => {
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
      // Redis_Update ends with a GET of the cache (its Location): that is what we verify against.
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
