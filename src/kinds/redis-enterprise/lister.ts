import { unlessGone, type Lister, type Settings } from '../../azure/lister';
import { parseResourceId } from '../../core/resource-id';
import { redisEnterpriseSdk } from '../../azure/sdk';

const CLUSTERS = 'microsoft.cache/redisenterprise';
const DATABASES = 'microsoft.cache/redisenterprise/databases';

/**
 * Clusters, and the databases of each (children: listed per cluster). One list of the clusters
 * serves both types; a type no control of the catalog evaluates is neither yielded nor listed.
 */
const redisEnterpriseLister: Lister = {
  types: [CLUSTERS, DATABASES],
  async *rows(c) {
    const client = (settings: Settings) => new (redisEnterpriseSdk().RedisEnterpriseManagementClient)(c.credential, c.subscriptionId, settings);
    const clusters = await c.list(`list Redis Enterprise clusters in ${c.subscriptionId}`, (settings) => client(settings).redisEnterprise.list());
    for (const cluster of clusters) {
      if (c.wanted.has(CLUSTERS)) yield cluster;
      if (!c.wanted.has(DATABASES)) continue;
      const { resourceGroup, names } = parseResourceId(cluster.id);
      // A cluster deleted since the list answers 404 here: nothing of it is left to sweep, and the
      // rest of the subscription still must be.
      yield* (await unlessGone(c.list(`list databases of ${cluster.id}`, (settings) => client(settings).databases.listByCluster(resourceGroup, names[0])))) ?? [];
    }
  },
};

export const listers: readonly Lister[] = [redisEnterpriseLister];
