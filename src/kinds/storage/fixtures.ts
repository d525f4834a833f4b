// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { storageAccount, storageAccountId } from '../../../test/fixtures/arm';

export const fixtures: KindFixtures = {
  resources: () => [storageAccount({ supportsHttpsTrafficOnly: false })],
  fixes: ['storage-https-only'],
  failsEveryControl: () => [storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' })],
  enforceCases: [
    {
      control: 'storage-https-only', estate: () => [storageAccount({ supportsHttpsTrafficOnly: false })],
      resourceId: storageAccountId(), target: 'self', patch: { properties: { supportsHttpsTrafficOnly: true } }, documentId: storageAccountId(),
    },
    {
      control: 'storage-min-tls', estate: () => [storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'sttls001' })],
      resourceId: storageAccountId('sttls001'), target: 'self', patch: { properties: { minimumTlsVersion: 'TLS1_2' } }, documentId: storageAccountId('sttls001'),
    },
  ],
};
