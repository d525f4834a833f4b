import { oneOf, string, type SandboxKind } from './kind';

// Microsoft.Cache redisEnterprise api-versions; 2022-01-01 is what @azure/arm-redisenterprisecache 2.2 sends.
const API_VERSIONS = ['2025-07-01', '2025-04-01', '2024-10-01', '2024-02-01', '2023-11-01', '2023-07-01', '2022-01-01', '2021-03-01', '2020-03-01'];

/**
 * Azure Managed Redis / Redis Enterprise clusters and their databases. A database is a child resource
 * (its own id, its own PATCH), so it needs its cluster in the estate. Databases_Update is
 * long-running (RedisEnterpriseDatabasesUpdate.json: 200 or 202 with Azure-AsyncOperation).
 */
export const redisEnterpriseKind: SandboxKind = {
  name: 'redis-enterprise',
  types: [
    {
      type: 'Microsoft.Cache/redisEnterprise',
      apiVersions: API_VERSIONS,
      readOnly: ['properties.hostName', 'properties.provisioningState', 'properties.resourceState', 'properties.redisVersion', 'properties.privateEndpointConnections'],
      writable: ['properties.minimumTlsVersion'],
      values: { 'properties.minimumTlsVersion': oneOf('1.0', '1.1', '1.2') },
      longRunning: { status: 'operationsStatus', displayLocation: true, location: { at: 'resource', segment: 'operationResults', answers: 'resource' } },
      topLevel: ['sku', 'identity'],
    },
    {
      type: 'Microsoft.Cache/redisEnterprise/databases',
      apiVersions: API_VERSIONS,
      // readOnly in DatabaseProperties; port, clusteringPolicy and modules are create-only, so not writable here.
      readOnly: ['properties.provisioningState', 'properties.resourceState', 'properties.redisVersion'],
      writable: ['properties.clientProtocol', 'properties.evictionPolicy', 'properties.persistence', 'properties.accessKeysAuthentication', 'properties.deferUpgrade'],
      values: {
        'properties.clientProtocol': oneOf('Encrypted', 'Plaintext'),
        'properties.evictionPolicy': oneOf('AllKeysLFU', 'AllKeysLRU', 'AllKeysRandom', 'VolatileLRU', 'VolatileLFU', 'VolatileTTL', 'VolatileRandom', 'NoEviction'),
        'properties.accessKeysAuthentication': oneOf('Enabled', 'Disabled'),
        'properties.deferUpgrade': oneOf('Deferred', 'NotDeferred'),
        'properties.persistence.rdbFrequency': string,
      },
      // Azure-AsyncOperation …/providers/Microsoft.Cache/locations/{West%20Europe}/operationsStatus/{id}
      // (OperationsStatus_Get; azure-cli redisenterprise recordings).
      longRunning: { status: 'operationsStatus', displayLocation: true },
    },
  ],
};
