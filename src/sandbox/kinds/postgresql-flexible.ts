import { defaultParameters, parameterType, type ParameterDefault } from './flexible-server-parameters';
import type { SandboxKind } from './kind';

// Microsoft.DBforPostgreSQL flexibleServers stable api-versions; 2025-08-01 is what @azure/arm-postgresql-flexible 9 sends.
export const POSTGRESQL_FLEXIBLE_API_VERSIONS = ['2025-08-01', '2024-08-01', '2022-12-01', '2021-06-01'];
const PARAMETER_TYPE = 'Microsoft.DBforPostgreSQL/flexibleServers/configurations';

/**
 * Azure's defaults for a new server. Both are dynamic (PostgreSQL reloads ssl_min_protocol_version on
 * SIGHUP, no restart), so the fixes take effect without one.
 */
const DEFAULTS: readonly ParameterDefault[] = [
  {
    name: 'require_secure_transport',
    value: 'on',
    description: 'Whether client connections to the server are required to use some form of secure transport.',
    dataType: 'Boolean',
    allowedValues: 'on,off',
    isDynamicConfig: true,
    documentationLink: 'https://go.microsoft.com/fwlink/?linkid=2282105',
  },
  {
    name: 'ssl_min_protocol_version',
    value: 'TLSv1.2',
    description: 'Sets the minimum SSL/TLS protocol version to use.',
    dataType: 'Enumeration',
    allowedValues: 'TLSv1,TLSv1.1,TLSv1.2,TLSv1.3',
    isDynamicConfig: true,
    documentationLink: 'https://www.postgresql.org/docs/16/runtime-config-connection.html#GUC-SSL-MIN-PROTOCOL-VERSION',
  },
];

/** Azure Database for PostgreSQL flexible servers and their server parameters. */
export const postgresqlFlexibleKind: SandboxKind = {
  name: 'postgresql-flexible',
  types: [
    {
      type: 'Microsoft.DBforPostgreSQL/flexibleServers',
      apiVersions: POSTGRESQL_FLEXIBLE_API_VERSIONS,
      // readOnly in ServerProperties (2025-08-01).
      readOnly: [
        'properties.state', 'properties.fullyQualifiedDomainName', 'properties.minorVersion', 'properties.replicaCapacity',
        'properties.backup.earliestRestoreDate', 'properties.highAvailability.state', 'properties.privateEndpointConnections',
      ],
      writable: [],
      topLevel: ['sku', 'identity'],
      defaultChildren: (server) => defaultParameters(server, PARAMETER_TYPE, DEFAULTS, false),
    },
    parameterType(PARAMETER_TYPE, POSTGRESQL_FLEXIBLE_API_VERSIONS),
  ],
};
