import { defineKind, oneOf, specIn } from '../facts';

const REDIS_ENTERPRISE_2022_01_01 = 'specification/redisenterprise/resource-manager/Microsoft.Cache/stable/2022-01-01/redisenterprise.json';
const spec = specIn(REDIS_ENTERPRISE_2022_01_01, '2022-01-01');

/**
 * Redis Enterprise / Azure Managed Redis clusters and their databases at 2022-01-01 (what
 * @azure/arm-redisenterprisecache 2.2 sends). A database is a child resource with its own PATCH.
 * Both updates are long-running with final-state-via azure-async-operation and list 200 and 202. At
 * this api-version a database has no accessKeysAuthentication or deferUpgrade (later versions add
 * them), and port, clusteringPolicy, modules and geoReplication are create-only. The cluster's
 * minimumTlsVersion is in ClusterProperties (enum TlsVersion "1.0" | "1.1" | "1.2"), which
 * ClusterUpdate carries, so the TLS floor is a plain PATCH of the cluster.
 */
export const facts = defineKind({
  kind: 'redis-enterprise',
  types: [
    {
      type: 'Microsoft.Cache/redisEnterprise',
      read: { operation: 'RedisEnterprise_Get', apiVersion: '2022-01-01', spec: spec('RedisEnterprise_Get') },
      // readOnly in ClusterProperties.
      readOnly: ['properties.hostName', 'properties.provisioningState', 'properties.resourceState', 'properties.redisVersion', 'properties.privateEndpointConnections', 'systemData'],
      update: {
        operation: 'RedisEnterprise_Update',
        method: 'PATCH',
        apiVersion: '2022-01-01',
        responses: [200, 202],
        // ClusterUpdate: sku, properties (ClusterProperties), tags.
        writable: { 'properties.minimumTlsVersion': oneOf('1.0', '1.1', '1.2') },
        topLevel: ['sku'],
        longRunning: {
          finalStateVia: 'azure-async-operation',
          // The cluster's recorded writes (Azure/azure-cli-extensions src/redisenterprise/.../recordings/
          // test_redisenterprise_maintenance_config.yaml: the create PUT and the DELETE) answer with
          // Azure-AsyncOperation …/providers/Microsoft.Cache/locations/Central%20US%20EUAP/operationsStatus/{id}
          // and Location {cluster}/operationresults/{id}. No recorded cluster PATCH was found; the
          // RedisEnterpriseUpdate.json example's 202 names both headers.
          monitor: { status: 'operationsStatus', displayLocation: true, location: { at: 'resource', segment: 'operationResults', answers: 'resource' } },
        },
        // ClusterUpdate (writable: sku, properties.minimumTlsVersion, tags); the 200 body is Cluster.
        spec: spec('ClusterUpdate'),
      },
      apiVersions: ['2025-07-01', '2025-04-01', '2024-10-01', '2024-02-01', '2023-11-01', '2023-07-01', '2022-01-01', '2021-03-01', '2020-03-01'],
    },
    {
      type: 'Microsoft.Cache/redisEnterprise/databases',
      read: { operation: 'Databases_Get', apiVersion: '2022-01-01', spec: spec('Databases_Get') },
      // readOnly in DatabaseProperties.
      readOnly: ['properties.provisioningState', 'properties.resourceState', 'systemData'],
      update: {
        operation: 'Databases_Update',
        method: 'PATCH',
        apiVersion: '2022-01-01',
        responses: [200, 202],
        // DatabaseUpdate.properties (DatabaseProperties) less readOnly and create-only.
        writable: {
          'properties.clientProtocol': oneOf('Encrypted', 'Plaintext'),
          'properties.evictionPolicy': oneOf('AllKeysLFU', 'AllKeysLRU', 'AllKeysRandom', 'VolatileLRU', 'VolatileLFU', 'VolatileTTL', 'VolatileRandom', 'NoEviction'),
          'properties.persistence.aofEnabled': 'boolean',
          'properties.persistence.rdbEnabled': 'boolean',
          'properties.persistence.aofFrequency': oneOf('1s', 'always'),
          'properties.persistence.rdbFrequency': oneOf('1h', '6h', '12h'),
        },
        longRunning: {
          finalStateVia: 'azure-async-operation',
          // Azure-AsyncOperation …/providers/Microsoft.Cache/locations/{West%20Europe}/operationsStatus/{id}
          // (OperationsStatus_Get; azure-cli redisenterprise recordings).
          monitor: { status: 'operationsStatus', displayLocation: true },
        },
        spec: spec('DatabaseUpdate'),
      },
      apiVersions: ['2025-07-01', '2025-04-01', '2024-10-01', '2024-02-01', '2023-11-01', '2023-07-01', '2022-01-01', '2021-03-01', '2020-03-01'],
    },
  ],
  actions: {
    read: ['Microsoft.Cache/redisEnterprise/databases/read', 'Microsoft.Cache/redisEnterprise/read'],
    write: ['Microsoft.Cache/redisEnterprise/databases/write', 'Microsoft.Cache/redisEnterprise/write'],
    other: ['Microsoft.Cache/locations/operationsStatus/read'],
  },
});
