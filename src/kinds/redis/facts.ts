import { defineKind, oneOf, specIn } from '../facts';

const REDIS_2024_11_01 = 'specification/redis/resource-manager/Microsoft.Cache/stable/2024-11-01/redis.json';
const spec = specIn(REDIS_2024_11_01, '2024-11-01');

/**
 * Azure Cache for Redis at 2024-11-01 (what @azure/arm-rediscache 8.2 sends). ARM returns the type as
 * `Microsoft.Cache/Redis` while the SDK requests `…/Microsoft.Cache/redis/{name}`: types match
 * case-insensitively. Redis_Update's body is RedisUpdateParameters: properties (RedisUpdateProperties =
 * RedisCommonProperties + sku), tags and identity.
 */
export const facts = defineKind({
  kind: 'redis',
  types: [
    {
      type: 'Microsoft.Cache/Redis',
      read: { operation: 'Redis_Get', apiVersion: '2024-11-01', spec: spec('Redis_Get') },
      // readOnly in RedisProperties and RedisCommonPropertiesRedisConfiguration.
      readOnly: [
        'properties.provisioningState', 'properties.hostName', 'properties.port', 'properties.sslPort', 'properties.accessKeys',
        'properties.linkedServers', 'properties.instances', 'properties.privateEndpointConnections',
        'properties.redisConfiguration.maxclients', 'properties.redisConfiguration.preferred-data-archive-auth-method',
        'properties.redisConfiguration.preferred-data-persistence-auth-method', 'systemData',
      ],
      update: {
        operation: 'Redis_Update',
        method: 'PATCH',
        apiVersion: '2024-11-01',
        responses: [200, 202],
        writable: {
          'properties.redisConfiguration': 'object',
          'properties.redisVersion': 'string',
          'properties.enableNonSslPort': 'boolean',
          'properties.replicasPerMaster': 'integer',
          'properties.replicasPerPrimary': 'integer',
          'properties.tenantSettings': 'object',
          'properties.shardCount': 'integer',
          // TlsVersion: no 1.3 at this api-version.
          'properties.minimumTlsVersion': oneOf('1.0', '1.1', '1.2'),
          'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled'),
          'properties.updateChannel': oneOf('Stable', 'Preview'),
          'properties.disableAccessKeyAuthentication': 'boolean',
          'properties.zonalAllocationPolicy': oneOf('Automatic', 'UserDefined', 'NoZones'),
          'properties.sku': 'object',
        },
        topLevel: ['identity'],
        longRunning: {
          // The spec: final-state-via location, final-state-schema RedisResource (the cache).
          finalStateVia: 'location',
          // What Azure sends, which differs: the recorded PATCH (Azure/azure-cli
          // src/azure-cli/azure/cli/command_modules/redis/tests/latest/recordings/test_redis_cache_update.yaml,
          // 2025-01-22) answers 202 with Azure-AsyncOperation AND Location both set to
          // …/providers/Microsoft.Cache/locations/West%20Europe/asyncOperations/{id}, which ends with the
          // operation status, not the cache, so a client must re-read the cache.
          monitor: { status: 'asyncOperations', displayLocation: true, location: { at: 'locations', segment: 'asyncOperations', answers: 'operation' } },
        },
        spec: spec('RedisUpdateParameters'),
      },
      // Microsoft.Cache (Redis) api-versions.
      apiVersions: ['2024-11-01', '2024-04-01-preview', '2024-03-01', '2023-08-01', '2023-04-01', '2022-06-01', '2022-05-01', '2021-06-01', '2020-12-01', '2020-06-01'],
    },
  ],
  actions: {
    read: ['Microsoft.Cache/redis/read'],
    write: ['Microsoft.Cache/redis/write'],
    // The status monitor of Redis_Update.
    other: ['Microsoft.Cache/locations/asyncOperations/read'],
  },
});
