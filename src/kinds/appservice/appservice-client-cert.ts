import { defineControl, fail, readPath, SELF, type ArmObject, type Verdict } from '../../controls/types';
import { requireValue } from '../../controls/expect';
import { APP_SERVICE_TYPES, SITE_READ, onAppServiceFrontEnd } from './shared';

/**
 * The site's clientCertMode composes with clientCertEnabled (SiteProperties, Microsoft.Web
 * 2024-11-01): only `Required` makes the front end refuse a client without a certificate;
 * `Optional` and `OptionalInteractiveUser` ask for one and let the client in without it. An enabled
 * site that does not say its mode is not shown to require one.
 */
function requireClientCertificates(site: ArmObject): Verdict {
  const enabled = requireValue(site, 'properties.clientCertEnabled', true);
  if (enabled.status !== 'pass') return enabled;
  const mode = readPath(site, 'properties.clientCertMode');
  if (mode === 'Required') return enabled;
  const shown = mode === undefined ? 'absent' : JSON.stringify(mode);
  return fail('properties.clientCertMode', mode, 'Required', `clientCertEnabled is true but clientCertMode is ${shown}: clients without a certificate are let in`);
}

export default defineControl({
  id: 'appservice-client-cert',
  title: 'App Service apps require client certificates (mutual TLS)',
  summary: { resource: 'sites and slots', compliantWhen: '`clientCertEnabled = true` and `clientCertMode = Required` (Optional modes let clients in without a certificate)', fix: 'none (report only)' },
  resourceTypes: APP_SERVICE_TYPES,
  target: SELF,
  // Report only: it never writes, so it needs no write action.
  permissions: [...SITE_READ],
  defaultMode: 'report',
  doc: {
    why: 'With clientCertEnabled and clientCertMode Required the front end demands a certificate from every client (mutual TLS), so only callers holding a trusted certificate reach the app. It authenticates the channel, not just encrypts it. clientCertMode Optional or OptionalInteractiveUser asks for a certificate but lets clients in without one, so it does not pass.',
    fix: 'None: this control only reports. Turning it on means PATCH {"properties":{"clientCertEnabled":true}} on the site, a decision for the app owner, not for an automated fixer.',
    sideEffects: 'Enabling it rejects every client without a certificate: browsers, health probes, webhooks and other services calling the app would fail at once. That is why transit-warden never applies it.',
    exemptWhen: 'Public websites and APIs whose callers authenticate by other means (Entra ID tokens, API keys behind API Management). Most internet-facing apps are exempt by design.',
  },
  evaluate: onAppServiceFrontEnd(requireClientCertificates),
});
