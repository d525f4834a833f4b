// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { serviceBusNamespace, serviceBusNamespaceId } from '../../../test/fixtures/arm-databases-messaging';

export const fixtures: KindFixtures = {
  resources: () => [serviceBusNamespace({ minimumTlsVersion: '1.1' })],
  fixes: ['servicebus-min-tls'],
  failsEveryControl: () => [serviceBusNamespace({ minimumTlsVersion: '1.1' })],
  enforceCases: [
    { control: 'servicebus-min-tls', estate: () => [serviceBusNamespace({ minimumTlsVersion: '1.1' })], resourceId: serviceBusNamespaceId(), target: 'self', patch: { properties: { minimumTlsVersion: '1.2' } }, documentId: serviceBusNamespaceId() },
  ],
};
