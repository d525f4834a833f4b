import { defineControl } from '../../controls/types';
import { requireOneOf } from '../../controls/expect';
import { APP_SERVICE_TYPES, SITE_CONFIG_READ, SITE_CONFIG_TARGET, SITE_CONFIG_WRITE, SITE_READ, onAppServiceFrontEnd } from './shared';

// Disabled is stricter than FtpsOnly (no FTP endpoint at all), so it passes and is never loosened.
const ACCEPTED = ['FtpsOnly', 'Disabled'] as const;

export default defineControl({
  id: 'appservice-ftps-only',
  title: 'App Service FTP endpoints accept FTPS only',
  summary: { resource: 'web, function and API apps and their slots: `config/web`', compliantWhen: '`ftpsState` FtpsOnly or Disabled', fix: 'config PATCH `FtpsOnly`' },
  recommendations: [
    { appliesTo: 'web app', policies: [{ id: '4d24b6d4-5e53-4a4f-a7f4-618fa573ee4b', displayName: 'App Service apps should require FTPS only' }], assessment: { key: '19beaa2a-a126-b4dd-6d35-617f6cc83fca', displayName: 'FTPS should be required in web apps' } },
    { appliesTo: 'function app', policies: [{ id: '399b2637-a50f-4f95-96f8-3a145476eb15', displayName: 'Function apps should require FTPS only' }], assessment: { key: '972a6579-f38f-c0b9-1b4b-a5bbeba3ab5b', displayName: 'FTPS should be required in function apps' } },
    { appliesTo: 'api app', policies: [{ id: '4d24b6d4-5e53-4a4f-a7f4-618fa573ee4b', displayName: 'App Service apps should require FTPS only' }], assessment: { key: '67fc622b-4ce6-8c52-08ae-9f830036b757', displayName: 'FTPS should be required in API apps' } },
    { appliesTo: 'web app slot', policies: [{ id: 'c285a320-8830-4665-9cc7-bbd05fc7c5c0', displayName: 'App Service app slots should require FTPS only' }], assessment: null },
    { appliesTo: 'function app slot', policies: [{ id: 'e1a09430-221d-4d4c-a337-1edb5a1fa9bb', displayName: 'Function app slots should require FTPS only' }], assessment: null },
  ],
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
