/**
 * What the Azure Cache for Redis controls share. ARM returns the type as `Microsoft.Cache/Redis`
 * while the REST paths say `redis`; types are compared case-insensitively everywhere.
 */
export const REDIS_TYPE = 'Microsoft.Cache/Redis';
/**
 * Redis_Update is long-running from api 2024-11-01 (@azure/arm-rediscache 8.2): the SDK polls
 * …/providers/Microsoft.Cache/locations/{l}/asyncOperations/{id}, which ARM authorises separately.
 */
export const REDIS_PERMISSIONS = ['Microsoft.Cache/redis/read', 'Microsoft.Cache/redis/write', 'Microsoft.Cache/locations/asyncOperations/read'] as const;
