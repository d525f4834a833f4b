import { requireOneOf } from '../../controls/expect';
import { defineControl, SELF } from '../../controls/types';

export default defineControl({
  id: 'eventhub-min-tls',
  title: 'Event Hubs namespaces accept only TLS 1.2 or newer',
  summary: { resource: 'Event Hubs namespaces', compliantWhen: '`minimumTlsVersion` 1.2 or 1.3', fix: 'PATCH' },
  recommendations: [],
  resourceTypes: ['Microsoft.EventHub/namespaces'],
  target: SELF,
  permissions: ['Microsoft.EventHub/namespaces/read', 'Microsoft.EventHub/namespaces/write'],
  defaultMode: 'enforce',
  doc: {
    why: 'A namespace with minimumTlsVersion "1.0" or "1.1" accepts AMQP, Kafka and HTTPS clients on TLS 1.0/1.1, so SAS tokens and event payloads can travel over protocols with known weaknesses.',
    fix: 'PATCH the namespace with {"properties":{"minimumTlsVersion":"1.2"}} (Namespaces_Update). "1.3" is stricter and left alone.',
    sideEffects: 'Producers and consumers that cannot negotiate TLS 1.2 (old Kafka clients on Java 7, .NET Framework 4.5 defaults, embedded devices) are refused at connection time.',
    exemptWhen: 'Devices in the field that cannot be updated to TLS 1.2 before a dated rollout; name the device fleet.',
  },
  evaluate: (namespace) => requireOneOf(namespace, 'properties.minimumTlsVersion', ['1.2', '1.3'], '1.2'),
  fix: () => ({ properties: { minimumTlsVersion: '1.2' } }),
  fixPaths: ['properties.minimumTlsVersion'],
});
