import { POSTGRESQL_FLEXIBLE_PARAMETER_PERMISSIONS, POSTGRESQL_FLEXIBLE_TYPE, VALUE_PATH, parameterPatch, parameterTarget } from './flexible-server';
import { defineControl, fail, pass, readPath } from './types';

const ACCEPTED = ['TLSv1.2', 'TLSv1.3'];

export default defineControl({
  id: 'postgresql-flexible-min-tls',
  title: 'PostgreSQL flexible servers accept only TLS 1.2 or newer',
  resourceTypes: [POSTGRESQL_FLEXIBLE_TYPE],
  target: parameterTarget('ssl_min_protocol_version'),
  permissions: POSTGRESQL_FLEXIBLE_PARAMETER_PERMISSIONS,
  defaultMode: 'enforce',
  doc: {
    why: 'ssl_min_protocol_version below TLSv1.2 lets clients (or an attacker in the middle) negotiate TLS 1.0/1.1, whose weaknesses are well known and which PCI DSS no longer accepts.',
    fix: 'Configurations_Update (PATCH, long-running) of configurations/ssl_min_protocol_version with {"properties":{"value":"TLSv1.2","source":"user-override"}}. PostgreSQL reloads this parameter without a restart (isDynamicConfig true); if the RP ever answers isConfigPendingRestart true, the value is stored but not yet live.',
    sideEffects: 'Clients that cannot negotiate TLS 1.2 (very old libpq/JDBC/ODBC drivers or OpenSSL builds) cannot connect any more. Open sessions are not dropped.',
    exemptWhen: 'A legacy client limited to TLS 1.0/1.1, reachable only privately, with a dated replacement plan.',
  },
  evaluate: (parameter) => {
    const actual = readPath(parameter, VALUE_PATH);
    // PostgreSQL spells the values TLSv1.2 / TLSv1.3; compare without case as the server does.
    if (typeof actual === 'string' && ACCEPTED.some((v) => v.toLowerCase() === actual.trim().toLowerCase())) return pass();
    return fail(VALUE_PATH, actual, 'TLSv1.2', `server parameter ssl_min_protocol_version is ${actual === undefined ? 'absent' : JSON.stringify(actual)}, expected TLSv1.2 or TLSv1.3`);
  },
  fix: () => parameterPatch('TLSv1.2'),
});
