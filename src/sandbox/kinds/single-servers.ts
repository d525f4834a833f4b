import type { SandboxKind, SandboxType } from './kind';

// The last api-version of the retired single-server services (and its preview twin).
const API_VERSIONS = ['2017-12-01', '2017-12-01-preview'];

function singleServer(type: string): SandboxType {
  return {
    type,
    apiVersions: API_VERSIONS,
    // readOnly in ServerProperties (2017-12-01).
    readOnly: [
      'properties.userVisibleState', 'properties.fullyQualifiedDomainName', 'properties.earliestRestoreDate',
      'properties.replicaCapacity', 'properties.byokEnforcement', 'properties.privateEndpointConnections',
    ],
    // transit-warden only reports on these servers (the services are retired; there is nothing to fix
    // in place, only to migrate), so the sandbox accepts no property writes.
    writable: [],
    topLevel: ['sku', 'identity'],
  };
}

/** Retired Azure Database for MySQL / PostgreSQL single servers, kept visible by report-only controls. */
export const singleServersKind: SandboxKind = {
  name: 'single-servers',
  types: [singleServer('Microsoft.DBforMySQL/servers'), singleServer('Microsoft.DBforPostgreSQL/servers')],
};
