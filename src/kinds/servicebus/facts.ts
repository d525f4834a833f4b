import { defineKind, oneOf, specIn } from '../facts';

const NAMESPACES_2024_01_01 = 'specification/servicebus/resource-manager/Microsoft.ServiceBus/stable/2024-01-01/namespace-preview.json';
const spec = specIn(NAMESPACES_2024_01_01, '2024-01-01');

/**
 * Service Bus namespaces at 2024-01-01: the first stable api-version with minimumTlsVersion
 * (@azure/arm-servicebus 6.x speaks 2021-11-01, whose model lacks it, so the adapter sends these
 * requests itself). Namespaces_Update's body, SBNamespaceUpdateParameters, carries
 * SBNamespaceUpdateProperties, which has no minimumTlsVersion (nor publicNetworkAccess): a PATCH of it
 * would be ignored by ARM. It is absent from the update model of 2025-05-01-preview too, so the only
 * request the spec offers for it is Namespaces_CreateOrUpdate (PUT of SBNamespace): the namespace as
 * just read, with only minimumTlsVersion changed. SBNamespace has no etag, so there is no If-Match.
 */
export const facts = defineKind({
  kind: 'servicebus',
  types: [
    {
      type: 'Microsoft.ServiceBus/Namespaces',
      read: { operation: 'Namespaces_Get', apiVersion: '2024-01-01', spec: spec('Namespaces_Get') },
      // readOnly in SBNamespaceProperties, plus systemData.
      readOnly: [
        'properties.provisioningState', 'properties.status', 'properties.createdAt', 'properties.updatedAt',
        'properties.serviceBusEndpoint', 'properties.metricId', 'systemData',
      ],
      update: {
        operation: 'Namespaces_Update',
        method: 'PATCH',
        apiVersion: '2024-01-01',
        // Not x-ms-long-running-operation.
        responses: [200, 201, 202],
        // SBNamespaceUpdateProperties: everything not readOnly in it.
        writable: {
          'properties.encryption': 'object',
          'properties.privateEndpointConnections': 'array',
          'properties.disableLocalAuth': 'boolean',
          'properties.alternateName': 'string',
        },
        // SBNamespaceUpdateParameters' sku and identity; location from ResourceNamespacePatch.
        topLevel: ['sku', 'identity', 'location'],
        spec: spec('SBNamespaceUpdateParameters'),
      },
      replace: {
        operation: 'Namespaces_CreateOrUpdate',
        method: 'PUT',
        apiVersion: '2024-01-01',
        responses: [200, 201, 202],
        // SBNamespaceProperties less readOnly and create-only (zoneRedundant: x-ms-mutability create, read).
        writable: {
          'properties.minimumTlsVersion': oneOf('1.0', '1.1', '1.2'),
          'properties.encryption': 'object',
          'properties.privateEndpointConnections': 'array',
          'properties.disableLocalAuth': 'boolean',
          'properties.alternateName': 'string',
          'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled', 'SecuredByPerimeter'),
          'properties.premiumMessagingPartitions': 'integer',
        },
        topLevel: ['sku', 'identity', 'location'],
        // x-ms-long-running-operation: true without options: clients poll Azure-AsyncOperation if sent,
        // then GET the namespace. No recording of the monitors: the emulator answers 200 with the namespace.
        longRunning: { finalStateVia: 'unspecified' },
        spec: spec('SBNamespace'),
      },
      apiVersions: ['2024-01-01', '2022-10-01-preview', '2022-01-01-preview', '2021-11-01', '2021-06-01-preview', '2021-01-01-preview', '2017-04-01'],
    },
  ],
  actions: { read: ['Microsoft.ServiceBus/namespaces/read'], write: ['Microsoft.ServiceBus/namespaces/write'] },
});
