import { defineKind, oneOf, specIn } from '../facts';

const STORAGE_2025_08_01 = 'specification/storage/resource-manager/Microsoft.Storage/stable/2025-08-01/storage.json';
const spec = specIn(STORAGE_2025_08_01, '2025-08-01');
const FILE_2025_08_01 = 'specification/storage/resource-manager/Microsoft.Storage/stable/2025-08-01/file.json';
const fileSpec = specIn(FILE_2025_08_01, '2025-08-01');

/**
 * Storage accounts at 2025-08-01 (what @azure/arm-storage 20 sends). StorageAccounts_Update is a plain
 * PATCH answering 200 with the account. The GET model (StorageAccountProperties) marks several
 * properties readOnly that the update model sets (encryption, accessTier, customDomain, networkAcls,
 * sasPolicy, keyPolicy): readOnly here is what no write can set.
 *
 * An account's file service, Microsoft.Storage/storageAccounts/fileServices, is a child resource of
 * the account with its own id (…/fileServices/default: the FileServicesName path parameter's enum
 * holds only "default"), its own GET and its own Event Grid write events, so it is a type of this
 * kind beside the account, as Redis Enterprise databases are beside their cluster (file.json,
 * 2025-08-01; @azure/arm-storage 20 sends the same api-version for it):
 *
 * - FileServices_GetServiceProperties: GET …/fileServices/default, 200 FileServiceProperties. Its
 *   properties hold cors, shareDeleteRetentionPolicy and protocolSettings (smb: versions,
 *   authenticationMethods, kerberosTicketEncryption, channelEncryption, multichannel,
 *   encryptionInTransit; nfs). The SMB values are plain strings, "passed as a string with
 *   delimiter ';'" (SmbSetting). The GET example FileServicesGet.json has no protocolSettings.
 * - FileServices_List: GET …/storageAccounts/{name}/fileServices, 200 FileServiceItems ({value}, no
 *   nextLink, not x-ms-pageable). This is how a list sweep finds them: Resource Graph's `resources`
 *   table has no microsoft.storage/storageaccounts/fileservices rows (MicrosoftDocs/azure-docs,
 *   articles/governance/resource-graph/reference/supported-tables-resources.md lists
 *   microsoft.storage/storageaccounts and …/connectors only), so a Graph sweep yields none and
 *   write events and list sweeps are what cover this type.
 * - FileServices_SetServiceProperties is the only write: a PUT of FileServiceProperties (200, not
 *   long-running; no PATCH, no If-Match/ETag parameter). It is not stated as an update here, so the
 *   emulator accepts no write of the type: the spec does not show that a PUT carrying only
 *   protocolSettings.smb leaves the rest alone. Its own description of `cors` reads "If no CorsRule
 *   elements are included in the request body, all CORS rules will be deleted, and CORS will be
 *   disabled for the File service", a PUT without the CORS rules may therefore delete them, and
 *   nothing in the spec says whether omitted shareDeleteRetentionPolicy or omitted smb fields keep
 *   their values or fall back to the defaults. Writing back the whole document just read would
 *   need an ETag the operation does not offer (a concurrent change would be lost). storage-smb-secure
 *   therefore reports only.
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
    {
      type: 'Microsoft.Storage/storageAccounts/fileServices',
      absentFromResourceGraph: 'MicrosoftDocs/azure-docs articles/governance/resource-graph/reference/supported-tables-resources.md (resources table: microsoft.storage/storageaccounts and …/connectors only)',
      read: { operation: 'FileServices_GetServiceProperties', apiVersion: '2025-08-01', spec: fileSpec('FileServices_GetServiceProperties') },
      // FileServiceProperties.sku is readOnly; Resource's id/name/type are ARM's own. No update: see above.
      readOnly: ['sku', 'systemData'],
      apiVersions: [
        '2025-08-01', '2025-06-01', '2025-01-01', '2024-01-01', '2023-05-01', '2023-04-01', '2023-01-01', '2022-09-01',
        '2022-05-01', '2021-09-01', '2021-08-01', '2021-06-01', '2021-04-01', '2021-02-01', '2021-01-01', '2019-06-01',
      ],
    },
  ],
  actions: {
    read: ['Microsoft.Storage/storageAccounts/read', 'Microsoft.Storage/storageAccounts/fileServices/read'],
    write: ['Microsoft.Storage/storageAccounts/write'],
  },
});
