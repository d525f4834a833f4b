import { MYSQL_FLEXIBLE_PARAMETER_PERMISSIONS, MYSQL_FLEXIBLE_TYPE, parameterPatch, parameterTarget, requireParameter, PARAMETER_PATCH_PATHS, restoreParameter, isPendingRestart } from '../common/flexible-server-parameters';
import { defineControl } from '../../controls/types';

export default defineControl({
  id: 'mysql-flexible-require-ssl',
  title: 'MySQL flexible servers refuse unencrypted connections',
  summary: { resource: 'MySQL flexible servers', compliantWhen: 'parameter `require_secure_transport = ON`', fix: 'configurations update' },
  recommendations: [],
  resourceTypes: [MYSQL_FLEXIBLE_TYPE],
  target: parameterTarget('require_secure_transport'),
  permissions: MYSQL_FLEXIBLE_PARAMETER_PERMISSIONS,
  defaultMode: 'enforce',
  doc: {
    why: 'With require_secure_transport OFF the server accepts plain-text MySQL connections, so credentials and query results cross the network readable by anyone on the path. ON makes the server refuse any connection that is not TLS.',
    fix: 'Configurations_Update (PATCH, long-running) of configurations/require_secure_transport with {"properties":{"value":"ON","source":"user-override"}}. The parameter is dynamic: it applies without a restart. Nothing else on the server changes.',
    sideEffects: 'New connections without TLS are refused ("Connections using insecure transport are prohibited"). Existing connections stay open. Clients configured with ssl-mode=DISABLED, old drivers and tools connecting without TLS fail until they enable it.',
    exemptWhen: 'A client that cannot speak TLS and connects only over a private endpoint or VNet integration, with a dated plan to replace it. Record the client.',
  },
  evaluate: (parameter) => requireParameter(parameter, 'ON'),
  fix: () => parameterPatch('ON'),
  fixPaths: PARAMETER_PATCH_PATHS,
  restore: restoreParameter,
  pendingRestart: isPendingRestart,
});
