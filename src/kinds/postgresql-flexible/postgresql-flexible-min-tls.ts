import { POSTGRESQL_FLEXIBLE_PARAMETER_PERMISSIONS, POSTGRESQL_FLEXIBLE_TYPE, parameterPatch, parameterTarget, requireParameter, PARAMETER_PATCH_PATHS, restoreParameter, isPendingRestart } from '../common/flexible-server-parameters';
import { defineControl } from '../../controls/types';

export default defineControl({
  id: 'postgresql-flexible-min-tls',
  title: 'PostgreSQL flexible servers accept only TLS 1.2 or newer',
  summary: { resource: 'PostgreSQL flexible servers', compliantWhen: '`ssl_min_protocol_version` TLSv1.2 or TLSv1.3', fix: 'configurations update' },
  recommendations: [
    { appliesTo: 'any', policies: [{ id: 'a43d5475-c569-45ce-a268-28fa79f4e87a', displayName: 'PostgreSQL flexible servers should be running TLS version 1.2 or newer' }], assessment: null },
  ],
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
  // PostgreSQL spells the values TLSv1.2 / TLSv1.3 and compares them without case, as we do.
  evaluate: (parameter) => requireParameter(parameter, 'TLSv1.2', 'TLSv1.3'),
  fix: () => parameterPatch('TLSv1.2'),
  fixPaths: PARAMETER_PATCH_PATHS,
  restore: restoreParameter,
  pendingRestart: isPendingRestart,
});
