// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { redisCache, redisCacheId } from '../../../test/fixtures/arm';

export const fixtures: KindFixtures = {
  resources: () => [redisCache({ enableNonSslPort: true })],
  fixes: ['redis-ssl-only'],
  failsEveryControl: () => [redisCache({ enableNonSslPort: true, minimumTlsVersion: '1.0' })],
  enforceCases: [
    {
      control: 'redis-ssl-only', estate: () => [redisCache({ enableNonSslPort: true })],
      resourceId: redisCacheId(), target: 'self', patch: { properties: { enableNonSslPort: false } }, documentId: redisCacheId(),
    },
    {
      control: 'redis-min-tls', estate: () => [redisCache({ minimumTlsVersion: '1.0' }, { name: 'redis-tls' })],
      resourceId: redisCacheId('redis-tls'), target: 'self', patch: { properties: { minimumTlsVersion: '1.2' } }, documentId: redisCacheId('redis-tls'),
    },
  ],
};
