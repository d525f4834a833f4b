import { defineKind, oneOf, specIn, type WriteFact } from '../facts';

const EVENTGRID_2025_02_15 = 'specification/eventgrid/resource-manager/Microsoft.EventGrid/stable/2025-02-15/EventGrid.json';
const spec = specIn(EVENTGRID_2025_02_15, '2025-02-15');

/**
 * Microsoft.EventGrid api-versions of the spec folders (stable and preview; the resource-manager
 * readme's tags plus the later folders 2023-06-01-preview … 2025-04-01-preview).
 */
const API_VERSIONS = [
  '2025-04-01-preview', '2025-02-15', '2024-12-15-preview', '2024-06-01-preview', '2023-12-15-preview', '2023-06-01-preview',
  '2022-06-15', '2021-12-01', '2021-10-15-preview', '2021-06-01-preview', '2020-10-15-preview', '2020-06-01',
  '2020-04-01-preview', '2020-01-01-preview', '2019-06-01', '2019-02-01-preview', '2019-01-01', '2018-09-15-preview',
  '2018-05-01-preview', '2018-01-01', '2017-09-15-preview', '2017-06-15-preview',
];

/** TlsVersion (x-ms-enum, modelAsString): "1.0", "1.1", "1.2" — there is no "1.3" at 2025-02-15. */
const TLS_VERSION = oneOf('1.0', '1.1', '1.2');

/** readOnly in TopicProperties and in DomainProperties (the same four), plus systemData. */
const READ_ONLY = ['properties.privateEndpointConnections', 'properties.provisioningState', 'properties.endpoint', 'properties.metricResourceId', 'systemData'];

/**
 * Topics_Update / Domains_Update: PATCH, `x-ms-long-running-operation: true` without
 * `x-ms-long-running-operation-options` (clients follow their defaults), success 200 (no body) or
 * 201 (the resource). No example or recording shows the monitors the provider sends, so none is
 * recorded: the emulator answers 200 with the resource, and the adapter never polls a monitor — it
 * reads the resource until the write shows (Microsoft.EventGrid/{type}/read, which the role has).
 */
function update(operation: string, definition: string, writable: WriteFact['writable']): WriteFact {
  return {
    operation,
    method: 'PATCH',
    apiVersion: '2025-02-15',
    responses: [200, 201],
    writable,
    // TopicUpdateParameters / DomainUpdateParameters: tags, identity (IdentityInfo), properties.
    topLevel: ['identity'],
    longRunning: { finalStateVia: 'unspecified' },
    spec: spec(definition),
  };
}

/**
 * Event Grid custom topics and domains at 2025-02-15, the first stable api-version whose update
 * models carry minimumTlsVersionAllowed (2022-06-15, which @azure/arm-eventgrid 14.1.0 sends, has
 * none; the kind's adapter sends these requests itself through @azure/arm-resources' pipeline).
 * The property is in TopicUpdateParameterProperties and DomainUpdateParameterProperties, so the fix
 * is a plain PATCH — no read-then-PUT. Namespaces (Microsoft.EventGrid/namespaces) are not covered:
 * DESIGN's row for eventgrid-min-tls names topics and domains only, and at 2025-02-15 the namespace's
 * minimumTlsVersionAllowed is in NamespaceProperties ("Only TLS version 1.2 is supported") but not in
 * NamespaceUpdateParameterProperties, so Namespaces_Update could not set it (only a full PUT could).
 */
export const facts = defineKind({
  kind: 'eventgrid',
  types: [
    {
      type: 'Microsoft.EventGrid/topics',
      read: { operation: 'Topics_Get', apiVersion: '2025-02-15', spec: spec('Topics_Get') },
      readOnly: READ_ONLY,
      // TopicUpdateParameterProperties: none of it is readOnly.
      update: update('Topics_Update', 'TopicUpdateParameters', {
        'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled'),
        'properties.inboundIpRules': 'array',
        'properties.minimumTlsVersionAllowed': TLS_VERSION,
        'properties.disableLocalAuth': 'boolean',
        'properties.dataResidencyBoundary': oneOf('WithinGeopair', 'WithinRegion'),
        'properties.eventTypeInfo': 'object',
      }),
      apiVersions: API_VERSIONS,
    },
    {
      type: 'Microsoft.EventGrid/domains',
      read: { operation: 'Domains_Get', apiVersion: '2025-02-15', spec: spec('Domains_Get') },
      readOnly: READ_ONLY,
      // DomainUpdateParameterProperties: the topic's set plus the domain-topic auto-management flags.
      update: update('Domains_Update', 'DomainUpdateParameters', {
        'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled'),
        'properties.inboundIpRules': 'array',
        'properties.minimumTlsVersionAllowed': TLS_VERSION,
        'properties.disableLocalAuth': 'boolean',
        'properties.autoCreateTopicWithFirstSubscription': 'boolean',
        'properties.autoDeleteTopicWithLastSubscription': 'boolean',
        'properties.dataResidencyBoundary': oneOf('WithinGeopair', 'WithinRegion'),
        'properties.eventTypeInfo': 'object',
      }),
      apiVersions: API_VERSIONS,
    },
  ],
  // Microsoft.EventGrid/topics/read and /write are in the 2025-02-15 Operations_List example; the
  // domains' actions are the provider's same-named operations.
  actions: {
    read: ['Microsoft.EventGrid/topics/read', 'Microsoft.EventGrid/domains/read'],
    write: ['Microsoft.EventGrid/topics/write', 'Microsoft.EventGrid/domains/write'],
  },
});
