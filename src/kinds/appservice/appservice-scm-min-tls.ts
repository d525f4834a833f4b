import { defineControl } from '../../controls/types';
import { requireOneOf } from '../../controls/expect';
import {
  APP_SERVICE_TLS_ACCEPTED, APP_SERVICE_TLS_FIX, APP_SERVICE_TYPES, SITE_CONFIG_READ, SITE_CONFIG_TARGET, SITE_CONFIG_WRITE, SITE_READ, onAppServiceFrontEnd,
} from './shared';

export default defineControl({
  id: 'appservice-scm-min-tls',
  title: 'App Service deployment (SCM/Kudu) endpoints refuse TLS older than 1.2',
  summary: { resource: 'web, function and API apps and their slots: `config/web`', compliantWhen: '`scmMinTlsVersion` 1.2 or 1.3', fix: 'config PATCH `"1.2"`' },
  recommendations: [],
  resourceTypes: APP_SERVICE_TYPES,
  target: SITE_CONFIG_TARGET,
  permissions: [...SITE_READ, ...SITE_CONFIG_READ, ...SITE_CONFIG_WRITE],
  defaultMode: 'enforce',
  doc: {
    why: 'The SCM (Kudu) site at <app>.scm.azurewebsites.net receives deployments, publishing credentials and console sessions. Its TLS floor is set separately from the app: scmMinTlsVersion.',
    fix: 'PATCH config/web of the site (or slot) with {"properties":{"scmMinTlsVersion":"1.2"}}. "1.3" is compliant and left alone.',
    sideEffects: 'Deployment tools that only speak TLS 1.0/1.1 can no longer publish: old Web Deploy (msdeploy) or FTP-era scripts on outdated Windows hosts, CI agents pinned to Java 7 or .NET 4.5 defaults.',
    exemptWhen: 'A legacy deployment pipeline that cannot negotiate TLS 1.2 is being replaced. Exempt with an until date, and prefer fixing the agent (enable strong crypto) over exempting.',
  },
  evaluate: onAppServiceFrontEnd((config) => requireOneOf(config, 'properties.scmMinTlsVersion', APP_SERVICE_TLS_ACCEPTED, APP_SERVICE_TLS_FIX)),
  fix: () => ({ properties: { scmMinTlsVersion: APP_SERVICE_TLS_FIX } }),
  fixPaths: ['properties.scmMinTlsVersion'],
});
