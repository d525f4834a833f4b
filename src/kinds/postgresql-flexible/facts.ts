import { defineKind, type SpecSource } from '../facts';

const FOLDER = 'specification/postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/2025-08-01';
const spec = (file: string, definition: string): SpecSource => ({ file: `${FOLDER}/${file}`, apiVersion: '2025-08-01', definition });

/** Microsoft.DBforPostgreSQL flexibleServers stable api-versions; 2025-08-01 is what @azure/arm-postgresql-flexible 9 sends. */
const API_VERSIONS = ['2025-08-01', '2024-08-01', '2022-12-01', '2021-06-01'];

/**
 * Azure Database for PostgreSQL flexible servers at 2025-08-01. transit-warden writes server
 * parameters only: Configurations_Update takes ConfigurationForUpdate, answers 202 only, and is
 * long-running with final-state-via azure-async-operation (final-state-schema Configuration). Unlike
 * MySQL's, `source` here is a plain string, and the flags are JSON booleans.
 */
export const facts = defineKind({
  kind: 'postgresql-flexible',
  types: [
    {
      type: 'Microsoft.DBforPostgreSQL/flexibleServers',
      read: { operation: 'Servers_Get', apiVersion: '2025-08-01', spec: spec('FlexibleServers.json', 'Servers_Get') },
      // The server accepts no write from us at all, so no readOnly list is needed to refuse one.
      readOnly: ['systemData'],
      apiVersions: API_VERSIONS,
    },
    {
      type: 'Microsoft.DBforPostgreSQL/flexibleServers/configurations',
      document: true,
      read: { operation: 'Configurations_Get', apiVersion: '2025-08-01', spec: spec('Configurations.json', 'Configurations_Get') },
      // readOnly in ConfigurationProperties.
      readOnly: [
        'properties.description', 'properties.defaultValue', 'properties.dataType', 'properties.allowedValues',
        'properties.isDynamicConfig', 'properties.isReadOnly', 'properties.isConfigPendingRestart', 'properties.unit',
        'properties.documentationLink', 'systemData',
      ],
      update: {
        operation: 'Configurations_Update',
        method: 'PATCH',
        apiVersion: '2025-08-01',
        responses: [202],
        writable: { 'properties.value': 'string', 'properties.source': 'string' },
        longRunning: {
          finalStateVia: 'azure-async-operation',
          // Azure-AsyncOperation …/locations/{l}/azureAsyncOperation/{id}, Location …/operationResults/{id}.
          monitor: { status: 'azureAsyncOperation', location: { at: 'locations', segment: 'operationResults', answers: 'operation' } },
        },
        spec: spec('Configurations.json', 'ConfigurationForUpdate'),
      },
      apiVersions: API_VERSIONS,
    },
  ],
  actions: {
    read: ['Microsoft.DBforPostgreSQL/flexibleServers/read', 'Microsoft.DBforPostgreSQL/flexibleServers/configurations/read'],
    write: ['Microsoft.DBforPostgreSQL/flexibleServers/configurations/write'],
    other: ['Microsoft.DBforPostgreSQL/locations/azureAsyncOperation/read'],
  },
});
