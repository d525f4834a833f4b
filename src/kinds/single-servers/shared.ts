import { requireOneOf, requireValue } from '../../controls/expect';
import type { SecureScoreLabel } from '../../controls/recommendation';
import type { ControlDoc, ControlDefinition } from '../../controls/types';
import { defineControl, SELF } from '../../controls/types';

/**
 * Report-only controls for retired Azure Database for MySQL / PostgreSQL single servers
 * (Microsoft.DBfor{MySQL,PostgreSQL}/servers, last api-version 2017-12-01). Nothing is fixed in place:
 * the services are retired and the way forward is migration to a flexible server; the controls keep
 * old estates visible in reports and audits. Both share the same sslEnforcement / minimalTlsVersion
 * properties.
 */
const MIGRATE = 'none in place: this control is report-only. Migrate the server to a flexible server (where the flexible-server controls enforce TLS); changing sslEnforcement/minimalTlsVersion on a retired server is left to its owner.';

const REPORT_ONLY = 'none: report only, so old estates stay visible';

function doc(engine: string, why: string, sideEffects: string): ControlDoc {
  return {
    why,
    fix: MIGRATE,
    sideEffects,
    exemptWhen: `A ${engine} single server already scheduled for migration or deletion, with the date in transit-warden-exempt-until, so reports show only servers nobody is handling.`,
  };
}

export function singleServerRequireSsl(id: string, engine: 'MySQL' | 'PostgreSQL', provider: string, recommendations: readonly SecureScoreLabel[]): ControlDefinition {
  return defineControl({
    id,
    title: `Retired ${engine} single servers enforce SSL (report only)`,
    summary: { resource: `retired ${engine} single servers`, compliantWhen: '`sslEnforcement = Enabled`', fix: REPORT_ONLY },
    recommendations,
    resourceTypes: [`${provider}/servers`],
    target: SELF,
    permissions: [`${provider}/servers/read`],
    defaultMode: 'report',
    doc: {
      ...doc(
        engine,
        `With sslEnforcement Disabled the ${engine} single server accepts plain-text connections: credentials and data cross the network unencrypted.`,
        'None: the control only reads. Setting sslEnforcement yourself refuses every non-TLS client at once.',
      ),
      differsFromPolicy: 'Azure Policy counts a server without sslEnforcement as compliant; this control fails it, since a missing value proves nothing about the connections the server accepts.',
    },
    evaluate: (server) => requireValue(server, 'properties.sslEnforcement', 'Enabled'),
  });
}

export function singleServerMinTls(id: string, engine: 'MySQL' | 'PostgreSQL', provider: string): ControlDefinition {
  return defineControl({
    id,
    title: `Retired ${engine} single servers accept only TLS 1.2 (report only)`,
    summary: { resource: `retired ${engine} single servers`, compliantWhen: '`minimalTlsVersion` TLS1_2+', fix: REPORT_ONLY },
    // No Azure Policy built-in or Defender recommendation reads a single server's minimalTlsVersion.
    recommendations: [],
    resourceTypes: [`${provider}/servers`],
    target: SELF,
    permissions: [`${provider}/servers/read`],
    defaultMode: 'report',
    doc: doc(
      engine,
      `minimalTlsVersion TLS1_0, TLS1_1 or TLSEnforcementDisabled (what the ${engine} single server reports while SSL is not enforced) lets clients connect over TLS 1.0/1.1 or without TLS.`,
      'None: the control only reads. Raising minimalTlsVersion yourself refuses clients that cannot do TLS 1.2.',
    ),
    // TLS1_3 is not in the 2017-12-01 enum; it is accepted should a server ever report it.
    evaluate: (server) => requireOneOf(server, 'properties.minimalTlsVersion', ['TLS1_2', 'TLS1_3'], 'TLS1_2'),
  });
}
