import { defineKind, oneOf, specIn } from '../facts';

const STORAGE_2025_08_01 = 'specification/storage/resource-manager/Microsoft.Storage/stable/2025-08-01/storage.json';
const spec = specIn(STORAGE_2025_08_01, '2025-08-01');

/**
 * Storage accounts at 2025-08-01 (what @azure/arm-storage 20 sends). StorageAccounts_Update is a plain
 * PATCH answering 200 with the account. The GET model (StorageAccountProperties) marks several
 * properties readOnly that the update model sets (encryption, accessTier, customDomain, networkAcls,
 * sasPolicy, keyPolicy): readOnly here is what no write can set.
 */
export const facts = defineKind({
  kind: 'storage',
  types: [
    {
      type: 'Microsoft.Storage/storageAccounts',
      read: { operation: 'StorageAccounts_GetProperties', apiVersion: '2025-08-01', spec: spec('StorageAccounts_GetProperties') },
      // readOnly in StorageAccountProperties and absent from StorageAccountPropertiesUpdateParameters.
      readOnly: [
        'properties.provisioningState', 'properties.primaryEndpoints', 'properties.primaryLocation', 'properties.statusOfPrimary',
        'properties.lastGeoFailoverTime', 'properties.secondaryLocation', 'properties.statusOfSecondary', 'properties.creationTime',
        'properties.keyCreationTime', 'properties.secondaryEndpoints', 'properties.geoReplicationStats', 'properties.failoverInProgress',
        'properties.privateEndpointConnections', 'properties.blobRestoreStatus', 'properties.isSkuConversionBlocked',
        'properties.accountMigrationInProgress', 'systemData',
      ],
      update: {
        operation: 'StorageAccounts_Update',
        method: 'PATCH',
        apiVersion: '2025-08-01',
        responses: [200],
        // StorageAccountPropertiesUpdateParameters.
        writable: {
          'properties.customDomain': 'object',
          'properties.encryption': 'object',
          'properties.sasPolicy': 'object',
          'properties.keyPolicy': 'object',
          'properties.accessTier': oneOf('Hot', 'Cool', 'Premium', 'Cold'),
          'properties.azureFilesIdentityBasedAuthentication': 'object',
          'properties.supportsHttpsTrafficOnly': 'boolean',
          'properties.isSftpEnabled': 'boolean',
          'properties.isLocalUserEnabled': 'boolean',
          'properties.enableExtendedGroups': 'boolean',
          'properties.networkAcls': 'object',
          'properties.largeFileSharesState': oneOf('Disabled', 'Enabled'),
          'properties.routingPreference': 'object',
          'properties.dualStackEndpointPreference': 'object',
          'properties.allowBlobPublicAccess': 'boolean',
          'properties.minimumTlsVersion': oneOf('TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3'),
          'properties.allowSharedKeyAccess': 'boolean',
          'properties.allowCrossTenantReplication': 'boolean',
          'properties.defaultToOAuthAuthentication': 'boolean',
          // PublicNetworkAccess: "must be 'Enabled', 'Disabled' or 'SecuredByPerimeter'".
          'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled', 'SecuredByPerimeter'),
          'properties.immutableStorageWithVersioning': 'object',
          'properties.allowedCopyScope': oneOf('PrivateLink', 'AAD'),
          'properties.dnsEndpointType': oneOf('Standard', 'AzureDnsZone'),
        },
        // StorageAccountUpdateParameters besides properties and tags.
        topLevel: ['sku', 'identity', 'kind', 'zones', 'placement'],
        spec: spec('StorageAccountUpdateParameters'),
      },
      // Microsoft.Storage stable api-versions.
      apiVersions: [
        '2025-08-01', '2025-06-01', '2025-01-01', '2024-01-01', '2023-05-01', '2023-04-01', '2023-01-01', '2022-09-01',
        '2022-05-01', '2021-09-01', '2021-08-01', '2021-06-01', '2021-04-01', '2021-02-01', '2021-01-01', '2019-06-01',
      ],
    },
  ],
  actions: { read: ['Microsoft.Storage/storageAccounts/read'], write: ['Microsoft.Storage/storageAccounts/write'] },
});
