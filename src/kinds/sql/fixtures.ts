// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { sqlServer, sqlServerId } from '../../../test/fixtures/arm-databases-messaging';

export const fixtures: KindFixtures = {
  resources: () => [sqlServer({ minimalTlsVersion: '1.0' })],
  fixes: ['sql-min-tls'],
  failsEveryControl: () => [sqlServer({ minimalTlsVersion: '1.0' })],
  enforceCases: [
    { control: 'sql-min-tls', estate: () => [sqlServer({ minimalTlsVersion: '1.0' })], resourceId: sqlServerId(), target: 'self', patch: { properties: { minimalTlsVersion: '1.2' } }, documentId: sqlServerId() },
  ],
};
