import { defineKind, type TypeFacts } from '../facts';

/** The last api-version of the retired single-server services (and its preview twin). */
const API_VERSIONS = ['2017-12-01', '2017-12-01-preview'];

/**
 * Retired Azure Database for MySQL / PostgreSQL single servers at 2017-12-01. transit-warden only
 * reports on them (nothing is fixed in place; the way forward is migration), so no write is stated
 * and the emulator accepts none. In both specs ServerProperties marks only byokEnforcement and
 * privateEndpointConnections readOnly (userVisibleState, fullyQualifiedDomainName and
 * earliestRestoreDate are not marked, though no update model has them either).
 */
function singleServer(type: string, file: string): TypeFacts {
  return {
    type,
    read: { operation: 'Servers_Get', apiVersion: '2017-12-01', spec: { file, apiVersion: '2017-12-01', definition: 'Servers_Get' } },
    readOnly: ['properties.byokEnforcement', 'properties.privateEndpointConnections', 'systemData'],
    apiVersions: API_VERSIONS,
  };
}

export const facts = defineKind({
  kind: 'single-servers',
  types: [
    singleServer('Microsoft.DBforMySQL/servers', 'specification/mysql/resource-manager/Microsoft.DBforMySQL/stable/2017-12-01/mysql.json'),
    singleServer('Microsoft.DBforPostgreSQL/servers', 'specification/postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/2017-12-01/postgresql.json'),
  ],
  actions: { read: ['Microsoft.DBforMySQL/servers/read', 'Microsoft.DBforPostgreSQL/servers/read'], write: [] },
});
