/**
 * What the Azure Cache for Redis controls share. ARM returns the type as `Microsoft.Cache/Redis`
 * while the REST paths say `redis`; types are compared case-insensitively everywhere.
 */
export const REDIS_TYPE = 'Microsoft.Cache/Redis';
export const REDIS_PERMISSIONS = ['Microsoft.Cache/redis/read', 'Microsoft.Cache/redis/write'] as const;
