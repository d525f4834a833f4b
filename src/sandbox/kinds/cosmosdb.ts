import { boolean, oneOf, type SandboxKind } from './kind';

/** Cosmos DB accounts. DatabaseAccounts_Update is long-running and slow in Azure (minutes). */
export const cosmosDbKind: SandboxKind = {
  name: 'cosmosdb',
  types: [
    {
      type: 'Microsoft.DocumentDB/databaseAccounts',
      // Microsoft.DocumentDB stable api-versions; 2025-10-15 is what @azure/arm-cosmosdb 16.4 sends.
      apiVersions: [
        '2025-10-15', '2025-04-15', '2024-11-15', '2024-08-15', '2024-05-15', '2023-11-15', '2023-09-15', '2023-04-15',
        '2022-11-15', '2022-08-15', '2022-05-15', '2021-10-15', '2021-06-15', '2021-04-15',
      ],
      // readOnly in DatabaseAccountGetProperties.
      readOnly: [
        'properties.provisioningState', 'properties.documentEndpoint', 'properties.writeLocations', 'properties.readLocations',
        'properties.failoverPolicies', 'properties.privateEndpointConnections', 'properties.instanceId',
        'properties.keyVaultKeyUriVersion',
      ],
      writable: [
        'properties.minimalTlsVersion', 'properties.publicNetworkAccess', 'properties.disableLocalAuth', 'properties.ipRules',
        'properties.isVirtualNetworkFilterEnabled', 'properties.enableAutomaticFailover', 'properties.networkAclBypass',
        'properties.disableKeyBasedMetadataWriteAccess',
      ],
      values: {
        // MinimalTlsVersion of the spec the SDK is generated from (Tls, Tls11, Tls12).
        'properties.minimalTlsVersion': oneOf('Tls', 'Tls11', 'Tls12'),
        'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled', 'SecuredByPerimeter'),
        'properties.disableLocalAuth': boolean,
        'properties.isVirtualNetworkFilterEnabled': boolean,
        'properties.enableAutomaticFailover': boolean,
        'properties.networkAclBypass': oneOf('None', 'AzureServices'),
        'properties.disableKeyBasedMetadataWriteAccess': boolean,
      },
      // A recorded DatabaseAccounts PUT: Azure-AsyncOperation …/locations/{l}/operationsStatus/{id},
      // Location {account}/operationResults/{id} (azure-sdk-for-js arm-cosmosdb recordings).
      longRunning: { status: 'operationsStatus', location: { at: 'resource', segment: 'operationResults', answers: 'resource' } },
      topLevel: ['identity'],
    },
  ],
};
