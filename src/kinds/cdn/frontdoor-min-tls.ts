import { defineControl, fail, notApplicable, pass, readPath, SELF, type JsonObject } from '../../controls/types';
import { CUSTOM_DOMAIN_TYPE, MODERN_AFD_TLS } from './shared';

const PATH = 'properties.tlsSettings.minimumTlsVersion';

/**
 * The tlsSettings a PATCH must carry. AFDDomainHttpsParameters requires certificateType, so the object
 * is written whole: the certificate type and secret exactly as read (they must survive), only
 * minimumTlsVersion changed. Only the model's own fields are copied: anything else would be refused.
 */
function tlsSettingsWith(tlsSettings: JsonObject, minimumTlsVersion: string): JsonObject {
  const written: JsonObject = { certificateType: tlsSettings.certificateType ?? null, minimumTlsVersion };
  const secretId = readPath(tlsSettings, 'secret.id');
  if (typeof secretId === 'string') written.secret = { id: secretId };
  return written;
}

function tlsSettingsOf(domain: JsonObject): JsonObject | undefined {
  const value = readPath(domain, 'properties.tlsSettings');
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

export default defineControl({
  id: 'frontdoor-min-tls',
  title: 'Azure Front Door Standard/Premium custom domains accept only TLS 1.2 or newer',
  summary: { resource: 'Front Door (Standard/Premium) custom domains', compliantWhen: '`tlsSettings.minimumTlsVersion` TLS12 or newer', fix: 'PATCH (long-running)' },
  recommendations: [],
  resourceTypes: [CUSTOM_DOMAIN_TYPE],
  target: SELF,
  permissions: [
    'Microsoft.Cdn/profiles/customDomains/read',
    'Microsoft.Cdn/profiles/customDomains/write',
    // AFDCustomDomains_Update is long-running: the SDK polls …/providers/Microsoft.Cdn/operationresults/{id}.
    'Microsoft.Cdn/operationresults/read',
    // Where Resource Graph is missing, the sweep lists profiles to find their custom domains.
    'Microsoft.Cdn/profiles/read',
  ],
  defaultMode: 'enforce',
  doc: {
    why: 'A custom domain with minimumTlsVersion "TLS10" lets browsers and API clients reach the Front Door edge over TLS 1.0/1.1, whose weaknesses (BEAST-era CBC, SHA-1 handshakes) PCI DSS and Microsoft no longer accept; cookies and tokens sent to that host ride on them.',
    fix: 'PATCH the custom domain (AFDCustomDomains_Update, long-running; the writer waits for it) with {"properties":{"tlsSettings":{...}}}: tlsSettings is written whole, because its model requires certificateType, with certificateType and secret exactly as read and only minimumTlsVersion set to "TLS12". "TLS13" is stricter and left alone. A domain that reports no tlsSettings (or no certificateType) is not applicable: there is no certificate choice to preserve, so nothing is written.',
    sideEffects: 'Clients that cannot negotiate TLS 1.2 (Windows 7/IE without updates, Android 4.x, old Java 7 and embedded HTTP stacks) can no longer open HTTPS to this host. The edge applies the change over some minutes; the certificate and its secret are untouched.',
    exemptWhen: 'A domain that must still serve a named legacy client population that cannot do TLS 1.2 until a dated retirement; set the exemption on the custom domain with that date.',
  },
  evaluate: (domain) => {
    const tlsSettings = tlsSettingsOf(domain);
    if (!tlsSettings || typeof tlsSettings.certificateType !== 'string') {
      return notApplicable('the custom domain reports no tlsSettings.certificateType: HTTPS is not configured on it through the API, so there is no TLS floor to set');
    }
    const actual = readPath(domain, PATH);
    if (typeof actual === 'string' && MODERN_AFD_TLS.includes(actual)) return pass();
    return fail(PATH, actual, 'TLS12', `${PATH} is ${actual === undefined ? 'absent' : JSON.stringify(actual)}, expected TLS12 or TLS13`);
  },
  fix: (domain) => ({ properties: { tlsSettings: tlsSettingsWith(tlsSettingsOf(domain) ?? {}, 'TLS12') } }),
  fixPaths: ['properties.tlsSettings.certificateType', 'properties.tlsSettings.minimumTlsVersion', 'properties.tlsSettings.secret.id'],
});
