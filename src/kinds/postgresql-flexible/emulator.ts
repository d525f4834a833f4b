import { typeFacts } from '../facts';
import { facts as postgresqlFlexibleFacts } from './facts';
import { defaultParameters, PARAMETER_BEHAVIOUR, type ParameterDefault } from '../common/flexible-server-emulator';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

const SERVER = typeFacts(postgresqlFlexibleFacts, 'Microsoft.DBforPostgreSQL/flexibleServers');
/** The api-versions the restart route serves: the server's. */
export const POSTGRESQL_FLEXIBLE_API_VERSIONS = SERVER.apiVersions;
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
export const emulator: SandboxKind = {
  name: 'postgresql-flexible',
  types: [
    sandboxType(SERVER, { defaultChildren: (server) => defaultParameters(server, PARAMETER_TYPE, DEFAULTS, false) }),
    sandboxType(typeFacts(postgresqlFlexibleFacts, PARAMETER_TYPE), PARAMETER_BEHAVIOUR),
  ],
};
