import { defineControl, fail, pass, readPath, type ArmObject, type Verdict } from '../../controls/types';
import { APP_SERVICE_TYPES, AUTH_SETTINGS_TARGET, SITE_CONFIG_READ, SITE_CONFIG_WRITE, SITE_READ, onAppServiceFrontEnd } from './shared';

const PATH = 'properties.httpSettings.requireHttps';

/**
 * HttpSettings.requireHttps (SiteAuthSettingsV2, Microsoft.Web 2025-05-01): "false if the
 * authentication/authorization responses not having the HTTPS scheme are permissible; otherwise,
 * true". Only an explicit false opts out, so an absent (or null) value passes: it is not false, and
 * App Service shows true for an app whose authentication was never configured. Any other value
 * (a string "false", a number) is not the boolean the model defines and is not shown to require HTTPS.
 */
function requireHttpsForAuth(document: ArmObject): Verdict {
  const actual = readPath(document, PATH);
  if (actual === undefined || actual === null || actual === true) return pass();
  const reason = actual === false
    ? `${PATH} is false: App Service Authentication accepts its sign-in redirects and callbacks over plain HTTP`
    : `${PATH} is ${JSON.stringify(actual)}, not a boolean: the document does not show HTTPS required for authentication`;
  return fail(PATH, actual, true, reason);
}

export default defineControl({
  id: 'appservice-auth-require-https',
  title: 'App Service Authentication (Easy Auth) accepts sign-in traffic over HTTPS only',
  summary: {
    resource: 'web, function and API apps and their slots: `config/authsettingsV2`',
    compliantWhen: '`httpSettings.requireHttps` is not false (absent passes)',
    fix: 'PUT of the document as just read, only `requireHttps` set to true (the spec offers no PATCH)',
  },
  // No Azure Policy built-in or Defender assessment checks this setting (searched Azure/azure-policy).
  recommendations: [],
  resourceTypes: APP_SERVICE_TYPES,
  target: AUTH_SETTINGS_TARGET,
  permissions: [...SITE_READ, ...SITE_CONFIG_READ, ...SITE_CONFIG_WRITE],
  defaultMode: 'enforce',
  doc: {
    why: 'With httpSettings.requireHttps false, App Service Authentication (Easy Auth) accepts its own endpoints over plain HTTP: the /.auth/login redirects, the identity provider callbacks carrying authorization codes and tokens, and the session cookie it sets. Anyone on the path can read or replay them. appservice-https-only closes the site\'s own HTTP listener on its App Service hostnames; this setting is what Easy Auth itself insists on, and it is usually turned off for apps behind a proxy that forwards plain HTTP.',
    fix: 'Set httpSettings.requireHttps to true in config/authsettingsV2 of the site (or slot). The spec (Microsoft.Web 2025-05-01) offers no PATCH for this document, only WebApps_UpdateAuthSettingsV2[Slot], a PUT of the whole document: transit-warden reads it again (WebApps_GetAuthSettingsV2WithoutSecrets, which holds secret setting names, never secret values) and writes it back with only requireHttps changed, and the audit record says it was a PUT. Identity providers, client secret setting names, token store, routes and proxy settings are sent back exactly as read. SiteAuthSettingsV2 carries no ETag, so no If-Match guards the moment between that read and the PUT: an auth change made in that instant would be overwritten. An absent requireHttps is left alone (it is not false).',
    sideEffects: 'Sign-in over plain http:// stops working: Easy Auth refuses or redirects requests whose scheme is not HTTPS. Behind a reverse proxy or gateway that terminates TLS and forwards HTTP, sign-in keeps working only if the proxy sends X-Forwarded-Proto (httpSettings.forwardProxy must name the convention it uses); check that before approving. Nothing else in the document changes.',
    exemptWhen: 'A TLS-terminating proxy in front of the app forwards plain HTTP without X-Forwarded-Proto and cannot be changed yet. Exempt with an until date and fix the proxy (or set forwardProxy) instead.',
  },
  evaluate: onAppServiceFrontEnd((document) => requireHttpsForAuth(document)),
  fix: () => ({ properties: { httpSettings: { requireHttps: true } } }),
  fixPaths: [PATH],
});
