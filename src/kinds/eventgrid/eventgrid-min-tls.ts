import { requireOneOf } from '../../controls/expect';
import { defineControl, SELF } from '../../controls/types';

export default defineControl({
  id: 'eventgrid-min-tls',
  title: 'Event Grid topics and domains accept only TLS 1.2 or newer from publishers',
  summary: {
    resource: 'Event Grid custom topics and domains',
    compliantWhen: '`minimumTlsVersionAllowed` 1.2 (or a stricter 1.3)',
    fix: 'PATCH (long-running) at api 2025-02-15 through the client\'s pipeline (@azure/arm-eventgrid 14.x speaks 2022-06-15, whose model lacks the property)',
  },
  // Azure/azure-policy's built-in Event Grid definitions cover local auth, public network access and
  // private endpoints, none the minimum TLS version; Defender has no assessment for it either.
  recommendations: [],
  resourceTypes: ['Microsoft.EventGrid/topics', 'Microsoft.EventGrid/domains'],
  target: SELF,
  permissions: ['Microsoft.EventGrid/topics/read', 'Microsoft.EventGrid/topics/write', 'Microsoft.EventGrid/domains/read', 'Microsoft.EventGrid/domains/write'],
  defaultMode: 'enforce',
  doc: {
    why: 'A topic or domain whose minimumTlsVersionAllowed is "1.0" or "1.1" (or absent: Event Grid then accepts TLS 1.0 and up) lets publishers send events, with their SAS keys or access tokens, over TLS versions with known weaknesses.',
    fix: 'PATCH the topic (Topics_Update) or domain (Domains_Update) with {"properties":{"minimumTlsVersionAllowed":"1.2"}} at api-version 2025-02-15, whose update models (TopicUpdateParameterProperties, DomainUpdateParameterProperties) carry the property; nothing else is sent, so input schema, network rules, identity and local-auth settings stay as they are. @azure/arm-eventgrid 14.1.0 targets 2022-06-15, whose model lacks the property, so the request goes through the @azure/arm-resources client\'s own pipeline (same credential, retries and throttling handling). The update is long-running (200 or 201); completion is confirmed by reading the resource until it shows "1.2". "1.3" would be stricter and is left alone.',
    sideEffects: 'Publishers that cannot negotiate TLS 1.2 (old .NET Framework defaults, Java 7, embedded or on-premises senders with old TLS stacks) get their publish requests refused; events they send are lost unless they retry after upgrading. Delivery to subscribers is not affected: the setting governs the publish endpoint.',
    exemptWhen: 'A publisher that cannot do TLS 1.2 and is being replaced on a dated plan; name the publisher and set transit-warden-exempt-until.',
  },
  evaluate: (resource) => requireOneOf(resource, 'properties.minimumTlsVersionAllowed', ['1.2', '1.3'], '1.2'),
  fix: () => ({ properties: { minimumTlsVersionAllowed: '1.2' } }),
  fixPaths: ['properties.minimumTlsVersionAllowed'],
});
