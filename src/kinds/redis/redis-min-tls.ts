import { defineControl, SELF } from '../../controls/types';
import { requireValue } from '../../controls/expect';
import { REDIS_PERMISSIONS, REDIS_TYPE } from './shared';

export default defineControl({
  id: 'redis-min-tls',
  title: 'Azure Cache for Redis refuses TLS older than 1.2',
  summary: { resource: 'Azure Cache for Redis', compliantWhen: '`minimumTlsVersion = 1.2`', fix: 'PATCH (long-running)' },
  recommendations: [],
  resourceTypes: [REDIS_TYPE],
  target: SELF,
  permissions: [...REDIS_PERMISSIONS],
  defaultMode: 'enforce',
  doc: {
    why: 'Caches created before TLS 1.2 became the default may still accept TLS 1.0/1.1, and Azure Cache for Redis retires them. minimumTlsVersion is the oldest protocol the TLS port (6380) accepts.',
    // The REST spec's TlsVersion enum (Microsoft.Cache 2024-11-01) is "1.0" | "1.1" | "1.2": there is
    // no stricter value to leave alone, so only "1.2" passes.
    fix: 'PATCH the cache with {"properties":{"minimumTlsVersion":"1.2"}}; Redis_Update is long-running. The 2024-11-01 REST spec knows only "1.0", "1.1" and "1.2", so "1.2" is the only compliant value.',
    sideEffects: 'Clients limited to TLS 1.0/1.1 fail to connect: StackExchange.Redis on .NET Framework 4.5/4.6 without SchUseStrongCrypto, Java 7 clients, and old redis-cli/stunnel builds.',
    exemptWhen: 'A legacy client that cannot negotiate TLS 1.2 still uses this cache and is scheduled for upgrade. Exempt with an until date; the platform will force TLS 1.2 eventually anyway.',
  },
  evaluate: (cache) => requireValue(cache, 'properties.minimumTlsVersion', '1.2'),
  fix: () => ({ properties: { minimumTlsVersion: '1.2' } }),
  fixPaths: ['properties.minimumTlsVersion'],
});
