import control from './redisenterprise-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { redisEnterpriseCluster, sampleRedisEnterpriseClusterUpdate } from './fixtures';

const fix = { properties: { minimumTlsVersion: '1.2' } };
const cluster = (minimumTlsVersion: string | null | undefined) => redisEnterpriseCluster({ minimumTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimumTlsVersion is "1.2" as in the RedisEnterprise_Get example', document: redisEnterpriseCluster() },
    { name: 'minimumTlsVersion is "1.2" in the RedisEnterprise_Update example, still Updating', document: sampleRedisEnterpriseClusterUpdate() },
  ],
  fail: [
    { name: 'minimumTlsVersion is "1.0"', document: cluster('1.0'), path: 'properties.minimumTlsVersion', patch: fix },
    { name: 'minimumTlsVersion is "1.1"', document: cluster('1.1'), path: 'properties.minimumTlsVersion', patch: fix },
    { name: 'minimumTlsVersion is absent (a cluster that never set it)', document: cluster(undefined), patch: fix },
    { name: 'minimumTlsVersion is null', document: cluster(null), patch: fix },
    { name: 'minimumTlsVersion is the number 1.2, which ARM never returns', document: redisEnterpriseCluster({ minimumTlsVersion: 1.2 }), patch: fix },
  ],
});
