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
  recommendations: [
    { appliesTo: 'web app', policies: [{ id: '19dd1db6-f442-49cf-a838-b0786b4401ef', displayName: 'App Service apps should have Client Certificates (Incoming client certificates) enabled' }], assessment: { key: 'ca4e6a5a-3a9a-bad3-798a-d420a1d9bd6d', displayName: 'Web apps should request an SSL certificate for all incoming requests' } },
    { appliesTo: 'function app', policies: [{ id: 'ab6a902f-9493-453b-928d-62c30b11b5a6', displayName: 'Function apps should have Client Certificates (Incoming client certificates) enabled' }], assessment: { key: 'c2ab4bea-c663-3259-a4cd-03a8feb02825', displayName: 'Function apps should have Client Certificates (Incoming client certificates) enabled' } },
    { appliesTo: 'api app', policies: [{ id: '19dd1db6-f442-49cf-a838-b0786b4401ef', displayName: 'App Service apps should have Client Certificates (Incoming client certificates) enabled' }], assessment: { key: 'ce2768c3-a7c7-1bbf-22cd-f9db675a9807', displayName: 'Ensure API app has Client Certificates Incoming client certificates set to On' } },
    { appliesTo: 'web app slot', policies: [{ id: '5b0bd968-5cb5-4513-8987-27786c6f0df8', displayName: 'App Service app slots should have Client Certificates (Incoming client certificates) enabled' }], assessment: null },
    { appliesTo: 'function app slot', policies: [{ id: '153ab4ca-2d58-4b5d-9134-6d8c6bdd321c', displayName: 'Function app slots should have Client Certificates (Incoming client certificates) enabled' }], assessment: null },
  ],
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
    differsFromPolicy: 'Stricter than Azure Policy: its definitions do not look at clientCertMode (so the Optional modes, which let clients in without a certificate, pass them), and count an app with HTTP/2 enabled as compliant without client certificates. This control needs clientCertEnabled with clientCertMode Required.',
  },
  evaluate: onAppServiceFrontEnd(requireClientCertificates),
});
