// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { eventHubNamespace, eventHubNamespaceId } from '../../../test/fixtures/arm-databases-messaging';

export const fixtures: KindFixtures = {
  resources: () => [eventHubNamespace({ minimumTlsVersion: '1.0' })],
  fixes: ['eventhub-min-tls'],
  failsEveryControl: () => [eventHubNamespace({ minimumTlsVersion: '1.0' })],
  enforceCases: [
    { control: 'eventhub-min-tls', estate: () => [eventHubNamespace({ minimumTlsVersion: '1.0' })], resourceId: eventHubNamespaceId(), target: 'self', patch: { properties: { minimumTlsVersion: '1.2' } }, documentId: eventHubNamespaceId() },
  ],
};
