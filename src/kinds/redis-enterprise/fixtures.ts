// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { redisEnterpriseCluster, redisEnterpriseDatabase, redisEnterpriseDatabaseId } from '../../../test/fixtures/arm-databases-messaging';

export const fixtures: KindFixtures = {
  resources: () => [redisEnterpriseCluster(), redisEnterpriseDatabase({ clientProtocol: 'Plaintext' })],
  fixes: ['redisenterprise-encrypted'],
  failsEveryControl: () => [redisEnterpriseCluster(), redisEnterpriseDatabase({ clientProtocol: 'Plaintext' })],
  enforceCases: [
    {
      control: 'redisenterprise-encrypted', estate: () => [redisEnterpriseCluster(), redisEnterpriseDatabase({ clientProtocol: 'Plaintext' })],
      resourceId: redisEnterpriseDatabaseId(), target: 'self', patch: { properties: { clientProtocol: 'Encrypted' } }, documentId: redisEnterpriseDatabaseId(),
    },
  ],
};
