import { defineKind, oneOf, specIn } from '../facts';

const COSMOS_2025_10_15 = 'specification/cosmos-db/resource-manager/Microsoft.DocumentDB/stable/2025-10-15/cosmos-db.json';
const spec = specIn(COSMOS_2025_10_15, '2025-10-15');

/**
 * Cosmos DB accounts at 2025-10-15 (what @azure/arm-cosmosdb 16.4 sends). DatabaseAccounts_Update is
 * x-ms-long-running-operation without options and lists 200 only; Azure answers 202 with monitors,
 * and takes minutes. The enums referenced by $ref (MinimalTlsVersion, PublicNetworkAccess,
 * NetworkAclBypass, ConnectorOffer) were read from the KnownXxx enums @azure/arm-cosmosdb 16.4
 * generates from this file: MinimalTlsVersion lists Tls, Tls11, Tls12 — no Tls13.
 */
export const facts = defineKind({
  kind: 'cosmosdb',
  types: [
    {
      type: 'Microsoft.DocumentDB/databaseAccounts',
      read: { operation: 'DatabaseAccounts_Get', apiVersion: '2025-10-15', spec: spec('DatabaseAccounts_Get') },
      // readOnly in DatabaseAccountGetProperties (provisioningState is not marked, but no write model has it).
      readOnly: [
        'properties.documentEndpoint', 'properties.databaseAccountOfferType', 'properties.writeLocations', 'properties.readLocations',
        'properties.failoverPolicies', 'properties.privateEndpointConnections', 'properties.instanceId',
        'properties.keyVaultKeyUriVersion', 'systemData',
      ],
      update: {
        operation: 'DatabaseAccounts_Update',
        method: 'PATCH',
        apiVersion: '2025-10-15',
        responses: [200],
        // DatabaseAccountUpdateProperties.
        writable: {
          'properties.consistencyPolicy': 'object',
          'properties.locations': 'array',
          'properties.ipRules': 'array',
          'properties.isVirtualNetworkFilterEnabled': 'boolean',
          'properties.enableAutomaticFailover': 'boolean',
          'properties.capabilities': 'array',
          'properties.virtualNetworkRules': 'array',
          'properties.enableMultipleWriteLocations': 'boolean',
          'properties.enableCassandraConnector': 'boolean',
          'properties.connectorOffer': oneOf('Small'),
          'properties.disableKeyBasedMetadataWriteAccess': 'boolean',
          'properties.keyVaultKeyUri': 'string',
          'properties.defaultIdentity': 'string',
          'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled', 'SecuredByPerimeter'),
          'properties.enableFreeTier': 'boolean',
          'properties.apiProperties': 'object',
          'properties.enableAnalyticalStorage': 'boolean',
          'properties.analyticalStorageConfiguration': 'object',
          'properties.backupPolicy': 'object',
          'properties.cors': 'array',
          'properties.networkAclBypass': oneOf('None', 'AzureServices'),
          'properties.networkAclBypassResourceIds': 'array',
          'properties.disableLocalAuth': 'boolean',
          'properties.capacity': 'object',
          'properties.keysMetadata': 'object',
          'properties.enablePartitionMerge': 'boolean',
          'properties.minimalTlsVersion': oneOf('Tls', 'Tls11', 'Tls12'),
          'properties.enableBurstCapacity': 'boolean',
          'properties.customerManagedKeyStatus': 'string',
          'properties.enablePerRegionPerPartitionAutoscale': 'boolean',
        },
        // DatabaseAccountUpdateParameters: tags, location, identity, properties.
        topLevel: ['identity', 'location'],
        longRunning: {
          finalStateVia: 'unspecified',
          // A recorded DatabaseAccounts PUT: Azure-AsyncOperation …/locations/{l}/operationsStatus/{id},
          // Location {account}/operationResults/{id} (azure-sdk-for-js arm-cosmosdb recordings).
          monitor: { status: 'operationsStatus', location: { at: 'resource', segment: 'operationResults', answers: 'resource' } },
        },
        spec: spec('DatabaseAccountUpdateParameters'),
      },
      // Microsoft.DocumentDB stable api-versions.
      apiVersions: [
        '2025-10-15', '2025-04-15', '2024-11-15', '2024-08-15', '2024-05-15', '2023-11-15', '2023-09-15', '2023-04-15',
        '2022-11-15', '2022-08-15', '2022-05-15', '2021-10-15', '2021-06-15', '2021-04-15',
      ],
    },
  ],
  actions: {
    read: ['Microsoft.DocumentDB/databaseAccounts/read'],
    write: ['Microsoft.DocumentDB/databaseAccounts/write'],
    other: ['Microsoft.DocumentDB/locations/operationsStatus/read', 'Microsoft.DocumentDB/databaseAccounts/operationResults/read'],
  },
});
