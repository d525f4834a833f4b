import { defineKind, oneOf, specIn } from '../facts';

const NAMESPACES_2024_01_01 = 'specification/eventhub/resource-manager/Microsoft.EventHub/stable/2024-01-01/namespaces.json';
const spec = specIn(NAMESPACES_2024_01_01, '2024-01-01');

/**
 * Event Hubs namespaces, at 2024-01-01 (what @azure/arm-eventhub 5.2 sends). Namespaces_Update's body
 * is the EHNamespace model itself, so everything not readOnly in it is writable. Its TlsVersion enum
 * stops at 1.2 (modelAsString: a GET may still report another value, which the control reads, but a
 * write of "1.3" is outside the spec).
 */
export const facts = defineKind({
  kind: 'eventhub',
  types: [
    {
      type: 'Microsoft.EventHub/Namespaces',
      read: { operation: 'Namespaces_Get', apiVersion: '2024-01-01', spec: spec('Namespaces_Get') },
      // readOnly in EHNamespace.properties (clusterArmId is not readOnly in this spec).
      readOnly: [
        'properties.provisioningState', 'properties.status', 'properties.createdAt', 'properties.updatedAt',
        'properties.serviceBusEndpoint', 'properties.metricId', 'systemData',
      ],
      update: {
        operation: 'Namespaces_Update',
        method: 'PATCH',
        apiVersion: '2024-01-01',
        // Not x-ms-long-running-operation: 201/202 carry no monitor the SDK follows.
        responses: [200, 201, 202],
        writable: {
          'properties.minimumTlsVersion': oneOf('1.0', '1.1', '1.2'),
          'properties.clusterArmId': 'string',
          'properties.isAutoInflateEnabled': 'boolean',
          'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled', 'SecuredByPerimeter'),
          'properties.maximumThroughputUnits': 'integer',
          'properties.kafkaEnabled': 'boolean',
          'properties.zoneRedundant': 'boolean',
          'properties.encryption': 'object',
          'properties.privateEndpointConnections': 'array',
          'properties.disableLocalAuth': 'boolean',
          'properties.alternateName': 'string',
        },
        topLevel: ['sku', 'identity'],
        spec: spec('EHNamespace'),
      },
      // Microsoft.EventHub api-versions of the spec folders.
      apiVersions: ['2024-01-01', '2022-10-01-preview', '2022-01-01-preview', '2021-11-01', '2021-06-01-preview', '2018-01-01-preview', '2017-04-01'],
    },
  ],
  actions: { read: ['Microsoft.EventHub/namespaces/read'], write: ['Microsoft.EventHub/namespaces/write'] },
});
