import { boolean, integer, oneOf, type SandboxKind } from './kind';

/**
 * Service Bus namespaces. minimumTlsVersion exists from api-version 2022-01-01-preview on; the
 * gateway reads and writes it at 2024-01-01 (SBNameSpaceUpdate.json shows it) because the 2021-11-01
 * model of @azure/arm-servicebus 6.x drops it. The sandbox answers both versions with the same
 * document (real ARM would omit the property at 2021-11-01).
 */
export const serviceBusKind: SandboxKind = {
  name: 'servicebus',
  types: [
    {
      type: 'Microsoft.ServiceBus/Namespaces',
      apiVersions: ['2024-01-01', '2022-10-01-preview', '2022-01-01-preview', '2021-11-01', '2021-06-01-preview', '2021-01-01-preview', '2017-04-01'],
      // readOnly in SBNamespaceProperties.
      readOnly: [
        'properties.provisioningState', 'properties.status', 'properties.createdAt', 'properties.updatedAt',
        'properties.serviceBusEndpoint', 'properties.metricId',
      ],
      writable: [
        'properties.minimumTlsVersion', 'properties.publicNetworkAccess', 'properties.disableLocalAuth',
        'properties.zoneRedundant', 'properties.premiumMessagingPartitions',
      ],
      values: {
        'properties.minimumTlsVersion': oneOf('1.0', '1.1', '1.2'),
        'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled', 'SecuredByPerimeter'),
        'properties.disableLocalAuth': boolean,
        'properties.zoneRedundant': boolean,
        'properties.premiumMessagingPartitions': integer,
      },
      topLevel: ['sku', 'identity'],
    },
  ],
};
