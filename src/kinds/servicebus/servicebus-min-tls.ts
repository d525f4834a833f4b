import { requireOneOf } from '../../controls/expect';
import { defineControl, SELF } from '../../controls/types';

export default defineControl({
  id: 'servicebus-min-tls',
  title: 'Service Bus namespaces accept only TLS 1.2 or newer',
  summary: { resource: 'Service Bus namespaces', compliantWhen: '`minimumTlsVersion` 1.2 or 1.3', fix: 'PUT of the namespace as just read, only `minimumTlsVersion` changed, at api 2024-01-01 through the client\'s pipeline (the spec\'s update model lacks the property; SDK 6.x too)' },
  recommendations: [],
  resourceTypes: ['Microsoft.ServiceBus/namespaces'],
  target: SELF,
  permissions: ['Microsoft.ServiceBus/namespaces/read', 'Microsoft.ServiceBus/namespaces/write'],
  defaultMode: 'enforce',
  doc: {
    why: 'A namespace with minimumTlsVersion "1.0" or "1.1" accepts AMQP and HTTPS clients on TLS 1.0/1.1, so SAS tokens and messages can travel over protocols with known weaknesses.',
    fix: 'Set {"properties":{"minimumTlsVersion":"1.2"}} at api-version 2024-01-01. The spec\'s PATCH model (SBNamespaceUpdateProperties) has no minimumTlsVersion, so the namespace is read and written back by PUT (Namespaces_CreateOrUpdate) with only that value changed, and the record says so; SBNamespace has no ETag, so no If-Match guards the moment between the read and the PUT. @azure/arm-servicebus 6.x targets 2021-11-01, whose model lacks the property, so the gateway sends these requests through the SDK client\'s own pipeline (ServiceClient.sendRequest: same credential, retries and throttling handling). "1.3" is stricter and left alone.',
    sideEffects: 'Senders and receivers that cannot negotiate TLS 1.2 (old .NET Framework defaults, Java 7, legacy WindowsAzure.ServiceBus clients on old hosts) are refused at connection time.',
    exemptWhen: 'An integration whose client cannot do TLS 1.2 and is being replaced on a dated plan; name the integration.',
  },
  evaluate: (namespace) => requireOneOf(namespace, 'properties.minimumTlsVersion', ['1.2', '1.3'], '1.2'),
  fix: () => ({ properties: { minimumTlsVersion: '1.2' } }),
  fixPaths: ['properties.minimumTlsVersion'],
});
