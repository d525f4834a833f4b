import { defineControl, SELF } from '../../controls/types';
import { requireValue } from '../../controls/expect';
import { APP_SERVICE_TYPES, SITE_READ } from './shared';

export default defineControl({
  id: 'appservice-client-cert',
  title: 'App Service apps require client certificates (mutual TLS)',
  resourceTypes: APP_SERVICE_TYPES,
  target: SELF,
  // Report only: it never writes, so it needs no write action.
  permissions: [...SITE_READ],
  defaultMode: 'report',
  doc: {
    why: 'With clientCertEnabled the front end asks every client for a certificate (mutual TLS), so only callers holding a trusted certificate reach the app. It authenticates the channel, not just encrypts it.',
    fix: 'None: this control only reports. Turning it on means PATCH {"properties":{"clientCertEnabled":true}} on the site, a decision for the app owner, not for an automated fixer.',
    sideEffects: 'Enabling it rejects every client without a certificate: browsers, health probes, webhooks and other services calling the app would fail at once. That is why transit-warden never applies it.',
    exemptWhen: 'Public websites and APIs whose callers authenticate by other means (Entra ID tokens, API keys behind API Management). Most internet-facing apps are exempt by design.',
  },
  evaluate: (site) => requireValue(site, 'properties.clientCertEnabled', true),
});
