import { boolean, integer, oneOf, type SandboxKind } from './kind';

/** Event Hubs namespaces. Namespaces_Update is a plain PATCH (the SDK has no begin… variant). */
export const eventHubKind: SandboxKind = {
  name: 'eventhub',
  types: [
    {
      type: 'Microsoft.EventHub/Namespaces',
      // Microsoft.EventHub api-versions; 2024-01-01 is what @azure/arm-eventhub 5.2 sends.
      apiVersions: ['2024-01-01', '2022-10-01-preview', '2022-01-01-preview', '2021-11-01', '2021-06-01-preview', '2018-01-01-preview', '2017-04-01'],
      // readOnly in EHNamespaceProperties.
      readOnly: [
        'properties.provisioningState', 'properties.status', 'properties.createdAt', 'properties.updatedAt',
        'properties.serviceBusEndpoint', 'properties.metricId', 'properties.clusterArmId',
      ],
      writable: [
        'properties.minimumTlsVersion', 'properties.publicNetworkAccess', 'properties.disableLocalAuth', 'properties.isAutoInflateEnabled',
        'properties.maximumThroughputUnits', 'properties.kafkaEnabled', 'properties.zoneRedundant',
      ],
      values: {
        'properties.minimumTlsVersion': oneOf('1.0', '1.1', '1.2'),
        'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled', 'SecuredByPerimeter'),
        'properties.disableLocalAuth': boolean,
        'properties.isAutoInflateEnabled': boolean,
        'properties.maximumThroughputUnits': integer,
        'properties.kafkaEnabled': boolean,
        'properties.zoneRedundant': boolean,
      },
      topLevel: ['sku', 'identity'],
    },
  ],
};
