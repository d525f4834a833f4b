import { boolean, integer, oneOf, string, type SandboxKind } from './kind';

/**
 * Azure Cache for Redis. ARM returns the type as `Microsoft.Cache/Redis` while the SDK requests
 * `.../Microsoft.Cache/redis/{name}`: types match case-insensitively. Update is long-running
 * (RedisCacheUpdate.json answers 200 or 202); the sandbox always takes the 202 path.
 */
export const redisKind: SandboxKind = {
  name: 'redis',
  types: [
    {
      type: 'Microsoft.Cache/Redis',
      // Microsoft.Cache (Redis) api-versions; 2024-11-01 is what @azure/arm-rediscache 8.2 sends.
      apiVersions: ['2024-11-01', '2024-04-01-preview', '2024-03-01', '2023-08-01', '2023-04-01', '2022-06-01', '2022-05-01', '2021-06-01', '2020-12-01', '2020-06-01'],
      // readOnly in RedisProperties (redisVersion is writable: it is how a cache is upgraded).
      readOnly: [
        'properties.provisioningState', 'properties.hostName', 'properties.port', 'properties.sslPort', 'properties.accessKeys',
        'properties.linkedServers', 'properties.instances', 'properties.privateEndpointConnections',
      ],
      writable: [
        'properties.enableNonSslPort', 'properties.minimumTlsVersion', 'properties.publicNetworkAccess', 'properties.redisVersion',
        'properties.redisConfiguration', 'properties.shardCount', 'properties.replicasPerPrimary', 'properties.replicasPerMaster',
        'properties.updateChannel', 'properties.disableAccessKeyAuthentication', 'properties.sku',
      ],
      values: {
        'properties.enableNonSslPort': boolean,
        'properties.minimumTlsVersion': oneOf('1.0', '1.1', '1.2'),
        'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled'),
        'properties.redisVersion': string,
        'properties.shardCount': integer,
        'properties.replicasPerPrimary': integer,
        'properties.replicasPerMaster': integer,
        'properties.updateChannel': oneOf('Stable', 'Preview'),
        'properties.disableAccessKeyAuthentication': boolean,
      },
      // Redis_Update is long-running from api 2024-11-01. The recorded PATCH (Azure/azure-cli
      // src/azure-cli/azure/cli/command_modules/redis/tests/latest/recordings/test_redis_cache_update.yaml,
      // 2025-01-22) answers 202 with Azure-AsyncOperation AND Location both set to
      // …/providers/Microsoft.Cache/locations/West%20Europe/asyncOperations/{id}; only the create (PUT, 201)
      // puts the cache itself in Location. The spec has no final-state-via, so @azure/arm-rediscache 8.2
      // ends with a GET of that Location, which answers the operation status, not the cache.
      longRunning: { status: 'asyncOperations', displayLocation: true, location: { at: 'locations', segment: 'asyncOperations', answers: 'operation' } },
      topLevel: ['identity'],
    },
  ],
};
