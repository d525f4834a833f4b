import { defaultParameters, parameterType, type ParameterDefault } from './flexible-server-parameters';
import type { SandboxKind } from './kind';

// Microsoft.DBforMySQL flexibleServers stable api-versions; 2021-05-01 is what @azure/arm-mysql-flexible 3.1 sends.
export const MYSQL_FLEXIBLE_API_VERSIONS = ['2021-05-01', '2022-01-01', '2023-06-30', '2023-12-30', '2024-12-30'];
const PARAMETER_TYPE = 'Microsoft.DBforMySQL/flexibleServers/configurations';

/**
 * The two transport parameters at Azure's defaults for a new server: require_secure_transport ON
 * (dynamic) and tls_version TLSv1.2 (static: a change waits for a restart, which is why the
 * mysql-flexible-min-tls fix needs one).
 */
const DEFAULTS: readonly ParameterDefault[] = [
  {
    name: 'require_secure_transport',
    value: 'ON',
    description: 'Whether client connections to the server are required to use some form of secure transport.',
    dataType: 'Enumeration',
    allowedValues: 'ON,OFF',
    isDynamicConfig: true,
  },
  {
    name: 'tls_version',
    value: 'TLSv1.2',
    description: 'Which protocols the server permits for encrypted connections.',
    dataType: 'Set',
    allowedValues: 'TLSv1,TLSv1.1,TLSv1.2,TLSv1.3',
    isDynamicConfig: false,
  },
];

/**
 * Azure Database for MySQL flexible servers and their server parameters. The server itself is only
 * read (transit-warden writes parameters, and restarts the server through the restart route in
 * src/sandbox/server-restart-route.ts).
 */
export const mysqlFlexibleKind: SandboxKind = {
  name: 'mysql-flexible',
  types: [
    {
      type: 'Microsoft.DBforMySQL/flexibleServers',
      apiVersions: MYSQL_FLEXIBLE_API_VERSIONS,
      // readOnly in ServerProperties (2021-05-01).
      readOnly: [
        'properties.state', 'properties.fullyQualifiedDomainName', 'properties.replicaCapacity',
        'properties.backup.earliestRestoreDate', 'properties.highAvailability.state', 'properties.privateEndpointConnections',
      ],
      writable: [],
      topLevel: ['sku', 'identity'],
      defaultChildren: (server) => defaultParameters(server, PARAMETER_TYPE, DEFAULTS, true),
    },
    parameterType(PARAMETER_TYPE, MYSQL_FLEXIBLE_API_VERSIONS),
  ],
};
