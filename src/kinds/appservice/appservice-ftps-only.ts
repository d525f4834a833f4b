import { defineControl } from '../../controls/types';
import { requireOneOf } from '../../controls/expect';
import { APP_SERVICE_TYPES, SITE_CONFIG_READ, SITE_CONFIG_TARGET, SITE_CONFIG_WRITE, SITE_READ, onAppServiceFrontEnd } from './shared';

// Disabled is stricter than FtpsOnly (no FTP endpoint at all), so it passes and is never loosened.
const ACCEPTED = ['FtpsOnly', 'Disabled'] as const;

export default defineControl({
  id: 'appservice-ftps-only',
  title: 'App Service FTP endpoints accept FTPS only',
  summary: { resource: 'web, function and API apps and their slots: `config/web`', compliantWhen: '`ftpsState` FtpsOnly or Disabled', fix: 'config PATCH `FtpsOnly`' },
  resourceTypes: APP_SERVICE_TYPES,
  target: SITE_CONFIG_TARGET,
  permissions: [...SITE_READ, ...SITE_CONFIG_READ, ...SITE_CONFIG_WRITE],
  defaultMode: 'enforce',
  doc: {
    why: 'With ftpsState "AllAllowed" the app accepts plain FTP, which sends the publishing user name, password and every deployed file in clear text. FtpsOnly keeps the FTP endpoint but requires TLS.',
    fix: 'PATCH config/web of the site (or slot) with {"properties":{"ftpsState":"FtpsOnly"}}. An app with FTP "Disabled" is already stricter and stays Disabled.',
    sideEffects: 'FTP clients must switch to FTPS (explicit TLS): scripts using plain ftp:// URLs, curl without --ssl-reqd and old publishing profiles stop connecting until they enable TLS.',
    exemptWhen: 'Hardly ever: every maintained FTP client supports FTPS. Only while a legacy uploader that cannot do TLS is migrated to zip deploy or FTPS, with an until date.',
  },
  evaluate: onAppServiceFrontEnd((config) => requireOneOf(config, 'properties.ftpsState', ACCEPTED, 'FtpsOnly')),
  fix: () => ({ properties: { ftpsState: 'FtpsOnly' } }),
  fixPaths: ['properties.ftpsState'],
});
