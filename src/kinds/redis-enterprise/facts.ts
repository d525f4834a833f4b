import { defineKind, oneOf, specIn } from '../facts';

const REDIS_ENTERPRISE_2022_01_01 = 'specification/redisenterprise/resource-manager/Microsoft.Cache/stable/2022-01-01/redisenterprise.json';
const spec = specIn(REDIS_ENTERPRISE_2022_01_01, '2022-01-01');

/**
 * Redis Enterprise / Azure Managed Redis clusters and their databases at 2022-01-01 (what
 * @azure/arm-redisenterprisecache 2.2 sends). A database is a child resource with its own PATCH.
 * Both updates are long-running with final-state-via azure-async-operation. At this api-version a
 * database has no accessKeysAuthentication or deferUpgrade (later versions add them), and port,
 * clusteringPolicy, modules and geoReplication are create-only.
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
          monitor: { status: 'operationsStatus', displayLocation: true, location: { at: 'resource', segment: 'operationResults', answers: 'resource' } },
        },
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
    write: ['Microsoft.Cache/redisEnterprise/databases/write'],
    other: ['Microsoft.Cache/locations/operationsStatus/read'],
  },
});
