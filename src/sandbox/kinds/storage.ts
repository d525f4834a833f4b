import { boolean, oneOf, type SandboxKind } from './kind';

/** Storage accounts. The SDK's enableHttpsTrafficOnly is supportsHttpsTrafficOnly on the wire. */
export const storageKind: SandboxKind = {
  name: 'storage',
  types: [
    {
      type: 'Microsoft.Storage/storageAccounts',
      // Microsoft.Storage stable api-versions; 2025-08-01 is what @azure/arm-storage 20 sends.
      apiVersions: [
        '2025-08-01', '2025-06-01', '2025-01-01', '2024-01-01', '2023-05-01', '2023-04-01', '2023-01-01', '2022-09-01',
        '2022-05-01', '2021-09-01', '2021-08-01', '2021-06-01', '2021-04-01', '2021-02-01', '2021-01-01', '2019-06-01',
      ],
      // readOnly in StorageAccountProperties of the REST spec.
      readOnly: [
        'properties.provisioningState', 'properties.primaryEndpoints', 'properties.primaryLocation', 'properties.statusOfPrimary',
        'properties.lastGeoFailoverTime', 'properties.secondaryLocation', 'properties.statusOfSecondary', 'properties.creationTime',
        'properties.secondaryEndpoints', 'properties.geoReplicationStats', 'properties.failoverInProgress',
        'properties.privateEndpointConnections', 'properties.blobRestoreStatus', 'properties.keyCreationTime',
      ],
      writable: [
        'properties.supportsHttpsTrafficOnly', 'properties.minimumTlsVersion', 'properties.allowBlobPublicAccess',
        'properties.allowSharedKeyAccess', 'properties.publicNetworkAccess', 'properties.defaultToOAuthAuthentication',
      ],
      values: {
        'properties.supportsHttpsTrafficOnly': boolean,
        'properties.minimumTlsVersion': oneOf('TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3'),
        'properties.allowBlobPublicAccess': boolean,
        'properties.allowSharedKeyAccess': boolean,
        'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled', 'SecuredByPerimeter'),
        'properties.defaultToOAuthAuthentication': boolean,
      },
      topLevel: ['sku', 'identity', 'kind'],
    },
  ],
};
