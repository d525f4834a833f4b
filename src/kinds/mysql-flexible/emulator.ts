import { typeFacts } from '../facts';
import { facts as mysqlFlexibleFacts } from './facts';
import { defaultParameters, PARAMETER_BEHAVIOUR, type ParameterDefault } from '../common/flexible-server-emulator';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

const SERVER = typeFacts(mysqlFlexibleFacts, 'Microsoft.DBforMySQL/flexibleServers');
/** The api-versions the restart route serves: the server's. */
export const MYSQL_FLEXIBLE_API_VERSIONS = SERVER.apiVersions;
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
export const emulator: SandboxKind = {
  name: 'mysql-flexible',
  types: [
    sandboxType(SERVER, { defaultChildren: (server) => defaultParameters(server, PARAMETER_TYPE, DEFAULTS, true) }),
    sandboxType(typeFacts(mysqlFlexibleFacts, PARAMETER_TYPE), PARAMETER_BEHAVIOUR),
  ],
};
