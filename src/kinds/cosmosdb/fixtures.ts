// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { cosmosAccount, cosmosAccountId } from '../../../test/fixtures/arm-databases-messaging';

export const fixtures: KindFixtures = {
  resources: () => [cosmosAccount({ minimalTlsVersion: 'Tls' })],
  fixes: ['cosmosdb-min-tls'],
  failsEveryControl: () => [cosmosAccount({ minimalTlsVersion: 'Tls' })],
  enforceCases: [
    { control: 'cosmosdb-min-tls', estate: () => [cosmosAccount({ minimalTlsVersion: 'Tls' })], resourceId: cosmosAccountId(), target: 'self', patch: { properties: { minimalTlsVersion: 'Tls12' } }, documentId: cosmosAccountId() },
  ],
};
