import type { Lister, Settings } from '../../azure/lister';
import { parseResourceId } from '../../core/resource-id';
import { redisEnterpriseSdk } from '../../azure/sdk';

/** Databases are children of clusters: list the clusters, then each cluster's databases. */
const redisEnterpriseLister: Lister = {
  types: ['microsoft.cache/redisenterprise/databases'],
  async *rows(c) {
    const client = (settings: Settings) => new (redisEnterpriseSdk().RedisEnterpriseManagementClient)(c.credential, c.subscriptionId, settings);
    const clusters = await c.list(`list Redis Enterprise clusters in ${c.subscriptionId}`, (settings) => client(settings).redisEnterprise.list());
    for (const cluster of clusters) {
      const { resourceGroup, names } = parseResourceId(cluster.id);
      yield* await c.list(`list databases of ${cluster.id}`, (settings) => client(settings).databases.listByCluster(resourceGroup, names[0]));
    }
  },
};

export const listers: readonly Lister[] = [redisEnterpriseLister];
