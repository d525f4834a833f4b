import { sdkList, type Lister } from '../../azure/lister';
import { redisCacheSdk } from '../../azure/sdk';

/** One list-by-subscription call, paged. */
export const listers: readonly Lister[] = [
  sdkList('Microsoft.Cache/redis', 'list Redis caches', (c, settings) => new (redisCacheSdk().RedisManagementClient)(c.credential, c.subscriptionId, settings).redis.listBySubscription()),
];
