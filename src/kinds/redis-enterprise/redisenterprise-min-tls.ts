import { requireValue } from '../../controls/expect';
import { defineControl, SELF } from '../../controls/types';

export default defineControl({
  id: 'redisenterprise-min-tls',
  title: 'Redis Enterprise / Azure Managed Redis clusters refuse TLS older than 1.2',
  summary: { resource: 'Redis Enterprise clusters', compliantWhen: '`minimumTlsVersion = 1.2`', fix: 'PATCH (long-running)' },
  // Azure/azure-policy's built-in Cache definitions have none for a Redis Enterprise cluster's TLS
  // version (only CMK, private endpoint and private DNS ones), so there is no label to carry.
  recommendations: [],
  resourceTypes: ['Microsoft.Cache/redisEnterprise'],
  target: SELF,
  permissions: [
    'Microsoft.Cache/redisEnterprise/read',
    'Microsoft.Cache/redisEnterprise/write',
    // RedisEnterprise_Update is long-running: the SDK polls …/locations/{l}/operationsStatus/{id}.
    'Microsoft.Cache/locations/operationsStatus/read',
  ],
  defaultMode: 'enforce',
  doc: {
    why: 'minimumTlsVersion is set on the cluster and is the oldest TLS protocol every database endpoint of the cluster accepts. A cluster left at "1.0" or "1.1" lets a client (or a downgrading attacker in the path) negotiate a deprecated protocol, and the access key and data then travel over it.',
    // The TlsVersion enum of redisenterprise.json 2022-01-01 (and of the later stable versions) is
    // "1.0" | "1.1" | "1.2": there is no stricter value to leave alone, so only "1.2" passes.
    fix: 'PATCH the cluster (not its databases) with {"properties":{"minimumTlsVersion":"1.2"}}. RedisEnterprise_Update (api 2022-01-01) is long-running (200, or 202 with Azure-AsyncOperation; final-state-via azure-async-operation); the writer waits for it and re-reads the cluster. The spec knows only "1.0", "1.1" and "1.2", so "1.2" is the only compliant value. Nothing else of the cluster or its databases is sent.',
    sideEffects: 'It applies to every database in the cluster at once. New connections from clients that can only negotiate TLS 1.0/1.1 fail the handshake: .NET Framework 4.5/4.6 without SchUseStrongCrypto, Java 7, old OpenSSL/stunnel or redis-cli builds. While the update runs the cluster reports provisioningState and resourceState "Updating" (as the RedisEnterpriseUpdate example\'s response shows); schedule it outside other changes to the cluster such as scaling.',
    exemptWhen: 'A client that cannot negotiate TLS 1.2 still uses a database of this cluster and has a dated upgrade plan. Exempt with an until date rather than leaving the cluster at an older floor indefinitely.',
  },
  evaluate: (cluster) => requireValue(cluster, 'properties.minimumTlsVersion', '1.2'),
  fix: () => ({ properties: { minimumTlsVersion: '1.2' } }),
  fixPaths: ['properties.minimumTlsVersion'],
});
