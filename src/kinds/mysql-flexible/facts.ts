import { defineKind, oneOf, specIn } from '../facts';

const MYSQL_2021_05_01 = 'specification/mysql/resource-manager/Microsoft.DBforMySQL/stable/2021-05-01/mysql.json';
const spec = specIn(MYSQL_2021_05_01, '2021-05-01');

/** Microsoft.DBforMySQL flexibleServers stable api-versions; 2021-05-01 is what @azure/arm-mysql-flexible 3.1 sends. */
const API_VERSIONS = ['2021-05-01', '2022-01-01', '2023-06-30', '2023-12-30', '2024-12-30'];

/**
 * Azure Database for MySQL flexible servers at 2021-05-01. transit-warden writes server parameters
 * only (Configurations_Update: the Configuration model, long-running without options, 200 or 202) and
 * restarts the server (Servers_Restart, long-running POST); the server itself is never written, so it
 * has no update here. At this api-version a parameter's flags are strings ("True"/"False") and it has
 * no unit or documentationLink.
 */
export const facts = defineKind({
  kind: 'mysql-flexible',
  types: [
    {
      type: 'Microsoft.DBforMySQL/flexibleServers',
      read: { operation: 'Servers_Get', apiVersion: '2021-05-01', spec: spec('Servers_Get') },
      // readOnly in Backup and Storage of ServerProperties (the server accepts no write from us at all).
      readOnly: ['properties.backup.earliestRestoreDate', 'properties.storage.storageSku', 'systemData'],
      apiVersions: API_VERSIONS,
    },
    {
      type: 'Microsoft.DBforMySQL/flexibleServers/configurations',
      document: true,
      read: { operation: 'Configurations_Get', apiVersion: '2021-05-01', spec: spec('Configurations_Get') },
      // readOnly in ConfigurationProperties.
      readOnly: [
        'properties.description', 'properties.defaultValue', 'properties.dataType', 'properties.allowedValues',
        'properties.isReadOnly', 'properties.isConfigPendingRestart', 'properties.isDynamicConfig', 'systemData',
      ],
      update: {
        operation: 'Configurations_Update',
        method: 'PATCH',
        apiVersion: '2021-05-01',
        responses: [200, 202],
        // The RP checks value against the parameter's own allowedValues, per document; the spec types it string.
        writable: { 'properties.value': 'string', 'properties.source': oneOf('system-default', 'user-override') },
        longRunning: {
          finalStateVia: 'unspecified',
          // 202 + Azure-AsyncOperation …/locations/{l}/azureAsyncOperation/{id} and Location
          // …/locations/{l}/operationResults/{id}, which ends with an operation result, not the parameter
          // (ServerStop.json, ConfigurationUpdate.json, OperationResults_Get.json).
          monitor: { status: 'azureAsyncOperation', location: { at: 'locations', segment: 'operationResults', answers: 'operation' } },
        },
        spec: spec('Configuration'),
      },
      apiVersions: API_VERSIONS,
    },
  ],
  actions: {
    read: ['Microsoft.DBforMySQL/flexibleServers/read', 'Microsoft.DBforMySQL/flexibleServers/configurations/read'],
    write: ['Microsoft.DBforMySQL/flexibleServers/configurations/write'],
    other: [
      'Microsoft.DBforMySQL/flexibleServers/restart/action',
      'Microsoft.DBforMySQL/locations/azureAsyncOperation/read',
      'Microsoft.DBforMySQL/locations/operationResults/read',
    ],
  },
});
