import { POSTGRESQL_FLEXIBLE_PARAMETER_PERMISSIONS, POSTGRESQL_FLEXIBLE_TYPE, parameterPatch, parameterTarget, requireParameter, PARAMETER_PATCH_PATHS, restoreParameter, isPendingRestart } from '../common/flexible-server-parameters';
import { defineControl } from '../../controls/types';

export default defineControl({
  id: 'postgresql-flexible-require-ssl',
  title: 'PostgreSQL flexible servers refuse unencrypted connections',
  summary: { resource: 'PostgreSQL flexible servers', compliantWhen: '`require_secure_transport = on`', fix: 'configurations update' },
  recommendations: [
    { appliesTo: 'any', policies: [{ id: 'c29c38cb-74a7-4505-9a06-e588ab86620a', displayName: 'Enforce SSL connection should be enabled for PostgreSQL flexible servers' }], assessment: null },
  ],
  resourceTypes: [POSTGRESQL_FLEXIBLE_TYPE],
  target: parameterTarget('require_secure_transport'),
  permissions: POSTGRESQL_FLEXIBLE_PARAMETER_PERMISSIONS,
  defaultMode: 'enforce',
  doc: {
    why: 'With require_secure_transport off the server accepts connections with sslmode=disable, so passwords (with password auth) and query results travel in plain text.',
    fix: 'Configurations_Update (PATCH, long-running) of configurations/require_secure_transport with {"properties":{"value":"on","source":"user-override"}}. The parameter is dynamic: it applies on reload, without a restart.',
    sideEffects: 'New connections without TLS are refused ("no pg_hba.conf entry ... no encryption"); existing sessions stay. Clients using sslmode=disable, and tools or poolers (PgBouncer in front of the server, old JDBC drivers) configured without TLS, fail until they enable it.',
    exemptWhen: 'A client that cannot speak TLS, reachable only through a private endpoint or VNet integration, with a dated plan to replace it.',
  },
  evaluate: (parameter) => requireParameter(parameter, 'on'),
  fix: () => parameterPatch('on'),
  fixPaths: PARAMETER_PATCH_PATHS,
  restore: restoreParameter,
  pendingRestart: isPendingRestart,
});
