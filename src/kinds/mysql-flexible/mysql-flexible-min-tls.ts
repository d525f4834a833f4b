import { MYSQL_FLEXIBLE_PARAMETER_PERMISSIONS, MYSQL_FLEXIBLE_TYPE, VALUE_PATH, isPendingRestart, parameterPatch, parameterTarget, PARAMETER_PATCH_PATHS, restoreParameter } from '../common/flexible-server-parameters';
import { defineControl, fail, pass, readPath, type ArmObject, type Verdict } from '../../controls/types';

const PENDING_RESTART_PATH = 'properties.isConfigPendingRestart';

/** Protocols MySQL's tls_version may list; TLSv1.3 is stricter and is kept where it is listed. */
const ACCEPTED = ['TLSv1.2', 'TLSv1.3'] as const;

function protocols(value: string): string[] {
  return value.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * The fix keeps the modern protocols the server already lists (so TLS 1.3 clients are not pushed
 * down) and drops the rest; a list with none of them becomes TLSv1.2.
 */
function fixedValue(document: ArmObject): string {
  const actual = readPath(document, VALUE_PATH);
  const listed = typeof actual === 'string' ? protocols(actual).map((p) => p.toLowerCase()) : [];
  const kept = ACCEPTED.filter((p) => listed.includes(p.toLowerCase()));
  return kept.length > 0 ? kept.join(',') : 'TLSv1.2';
}

function evaluate(document: ArmObject): Verdict {
  const actual = readPath(document, VALUE_PATH);
  const listed = typeof actual === 'string' ? protocols(actual) : [];
  const old = listed.filter((p) => !ACCEPTED.some((a) => a.toLowerCase() === p.toLowerCase()));
  if (listed.length > 0 && old.length === 0) {
    // tls_version is static: a value set without a restart is stored but not live, and the server
    // still accepts what the previous value allowed. The fix (same value, then restart) completes it.
    if (isPendingRestart(document)) {
      return fail(PENDING_RESTART_PATH, readPath(document, PENDING_RESTART_PATH), false, `server parameter tls_version is ${JSON.stringify(actual)}, but the server has not been restarted since it was set (isConfigPendingRestart): it still accepts the protocols the previous value allowed`);
    }
    return pass();
  }
  const shown = actual === undefined ? 'absent' : JSON.stringify(actual);
  const why = listed.length === 0 ? 'lists no protocol' : `still allows ${old.join(', ')}`;
  return fail(VALUE_PATH, actual, fixedValue(document), `server parameter tls_version is ${shown}: it ${why}; expected only TLSv1.2 and/or TLSv1.3`);
}

export default defineControl({
  id: 'mysql-flexible-min-tls',
  title: 'MySQL flexible servers accept only TLS 1.2 or newer',
  summary: { resource: 'MySQL flexible servers', compliantWhen: '`tls_version` lists only TLSv1.2/TLSv1.3', fix: 'update + restart, only with `TRANSIT_WARDEN_ALLOW_RESTARTS=true`' },
  recommendations: [],
  resourceTypes: [MYSQL_FLEXIBLE_TYPE],
  target: parameterTarget('tls_version'),
  permissions: [...MYSQL_FLEXIBLE_PARAMETER_PERMISSIONS, 'Microsoft.DBforMySQL/flexibleServers/restart/action'],
  // tls_version is a static parameter: the new value only applies after a server restart, which drops
  // every connection. Report by default; enforcing also needs TRANSIT_WARDEN_ALLOW_RESTARTS=true.
  defaultMode: 'report',
  fixNeedsRestart: true,
  doc: {
    why: 'TLS 1.0 and 1.1 have known weaknesses (BEAST, weak MAC/cipher suites) and are no longer accepted by PCI DSS. While tls_version lists TLSv1 or TLSv1.1, a client or an attacker in the middle can negotiate the server down to them.',
    fix: 'Configurations_Update (PATCH, long-running) of configurations/tls_version with {"properties":{"value":"TLSv1.2","source":"user-override"}} (or "TLSv1.2,TLSv1.3" when TLS 1.3 was already listed), then Servers_Restart (POST .../flexibleServers/{name}/restart), because tls_version is static and stays pending (isConfigPendingRestart) until the server restarts. A compliant value that is still pending counts as noncompliant (the server keeps accepting the old protocols until it restarts); its fix writes the same value and restarts.',
    sideEffects: 'The restart drops every open connection and the server is unavailable for about a minute (less with zone-redundant HA). Clients that cannot do TLS 1.2 (old drivers, Windows 7-era stacks, MySQL clients built against old OpenSSL) can no longer connect. Hence report by default and a fix only when restarts are allowed for the deployment.',
    exemptWhen: 'A legacy client that only speaks TLS 1.0/1.1, reachable only privately, with a dated replacement plan; or a server whose restart must wait for a maintenance window (use transit-warden-exempt-until).',
  },
  evaluate,
  fix: (document) => parameterPatch(fixedValue(document)),
  fixPaths: PARAMETER_PATCH_PATHS,
  restore: restoreParameter,
  pendingRestart: isPendingRestart,
});
