import { oneOf, type SandboxKind } from './kind';

/** Azure SQL logical servers. Servers_Update is long-running (ServerUpdate.json answers 200 or 202). */
export const sqlKind: SandboxKind = {
  name: 'sql',
  types: [
    {
      type: 'Microsoft.Sql/servers',
      // Microsoft.Sql servers api-versions; @azure/arm-sql 10 sends 2022-08-01-preview for servers.
      apiVersions: [
        '2023-08-01', '2023-05-01-preview', '2022-08-01-preview', '2022-05-01-preview', '2021-11-01', '2021-02-01-preview',
        '2020-11-01-preview', '2019-06-01-preview', '2015-05-01-preview', '2014-04-01',
      ],
      // readOnly in ServerProperties (kind is readOnly at the top level and cannot be PATCHed either).
      readOnly: [
        'properties.state', 'properties.fullyQualifiedDomainName', 'properties.privateEndpointConnections',
        'properties.workspaceFeature', 'properties.externalGovernanceStatus',
      ],
      writable: [
        'properties.minimalTlsVersion', 'properties.publicNetworkAccess', 'properties.restrictOutboundNetworkAccess',
        'properties.administratorLoginPassword', 'properties.version',
      ],
      values: {
        // MinimalTlsVersion in the 2023-08-01 spec; "None" means every version is accepted.
        'properties.minimalTlsVersion': oneOf('None', '1.0', '1.1', '1.2', '1.3'),
        'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled', 'SecuredByPerimeter'),
        'properties.restrictOutboundNetworkAccess': oneOf('Enabled', 'Disabled'),
      },
      // Recorded Servers_Update: 202, Azure-AsyncOperation …/resourceGroups/{rg}/providers/Microsoft.Sql/locations/{l}/serverAzureAsyncOperation/{id},
      // Location …/serverOperationResults/{id} (azure-sdk-for-js arm-sql recordings). ARM authorises
      // those GETs with actions a custom role cannot name, which is why the SQL adapter never polls them.
      longRunning: { status: 'serverAzureAsyncOperation', scope: 'resourceGroup', location: { at: 'locations', segment: 'serverOperationResults', answers: 'resource' } },
      topLevel: ['identity'],
    },
  ],
};
