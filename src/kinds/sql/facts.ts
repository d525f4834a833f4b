import { defineKind, oneOf } from '../facts';

const SERVERS_2021_11_01 = 'specification/sql/resource-manager/Microsoft.Sql/stable/2021-11-01/Servers.json';

/**
 * Azure SQL logical servers, read and written at the GA 2021-11-01 through @azure/arm-sql 10's
 * pipeline (the SDK's own operations send 2022-08-01-preview). Servers_Update's ServerUpdate
 * carries ServerProperties. There
 * minimalTlsVersion is a plain string whose description allows '1.0', '1.1', '1.2' — no "None", no
 * "1.3" (later api-versions add both) — and publicNetworkAccess has no SecuredByPerimeter.
 */
export const facts = defineKind({
  kind: 'sql',
  types: [
    {
      type: 'Microsoft.Sql/servers',
      read: {
        operation: 'Servers_Get',
        apiVersion: '2021-11-01',
        spec: { file: SERVERS_2021_11_01, apiVersion: '2021-11-01', definition: 'Servers_Get' },
      },
      // readOnly in Server / ServerProperties (2021-11-01).
      readOnly: ['kind', 'properties.state', 'properties.fullyQualifiedDomainName', 'properties.privateEndpointConnections', 'properties.workspaceFeature', 'systemData'],
      update: {
        operation: 'Servers_Update',
        method: 'PATCH',
        apiVersion: '2021-11-01',
        responses: [200, 202],
        // ServerProperties less readOnly and create-only (administratorLogin, administrators: x-ms-mutability read, create).
        writable: {
          'properties.administratorLoginPassword': 'string',
          'properties.version': 'string',
          // "Allowed values: '1.0', '1.1', '1.2'" (the schema types it string).
          'properties.minimalTlsVersion': oneOf('1.0', '1.1', '1.2'),
          'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled'),
          'properties.primaryUserAssignedIdentityId': 'string',
          'properties.federatedClientId': 'string',
          'properties.keyId': 'string',
          'properties.restrictOutboundNetworkAccess': oneOf('Enabled', 'Disabled'),
        },
        topLevel: ['identity'],
        longRunning: {
          // x-ms-long-running-operation without options.
          finalStateVia: 'unspecified',
          // Recorded Servers_Update: 202, Azure-AsyncOperation …/resourceGroups/{rg}/providers/Microsoft.Sql/locations/{l}/serverAzureAsyncOperation/{id},
          // Location …/serverOperationResults/{id} (azure-sdk-for-js arm-sql recordings). ARM authorises
          // those GETs with actions a custom role cannot name, which is why the SQL adapter never polls them.
          monitor: { status: 'serverAzureAsyncOperation', scope: 'resourceGroup', location: { at: 'locations', segment: 'serverOperationResults', answers: 'resource' } },
        },
        spec: { file: SERVERS_2021_11_01, apiVersion: '2021-11-01', definition: 'ServerUpdate' },
      },
      // Microsoft.Sql servers api-versions.
      apiVersions: [
        '2023-08-01', '2023-05-01-preview', '2022-08-01-preview', '2022-05-01-preview', '2021-11-01', '2021-02-01-preview',
        '2020-11-01-preview', '2019-06-01-preview', '2015-05-01-preview', '2014-04-01',
      ],
    },
  ],
  actions: { read: ['Microsoft.Sql/servers/read'], write: ['Microsoft.Sql/servers/write'] },
});
