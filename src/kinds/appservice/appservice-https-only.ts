import { defineControl, SELF } from '../../controls/types';
import { requireValue } from '../../controls/expect';
import { APP_SERVICE_TYPES, SITE_READ, SITE_WRITE, onAppServiceFrontEnd } from './shared';

export default defineControl({
  id: 'appservice-https-only',
  title: 'App Service apps redirect plain HTTP to HTTPS',
  summary: { resource: 'web, function and API apps and their slots', compliantWhen: '`httpsOnly = true`', fix: 'site PATCH' },
  resourceTypes: APP_SERVICE_TYPES,
  target: SELF,
  permissions: [...SITE_READ, ...SITE_WRITE],
  defaultMode: 'enforce',
  doc: {
    why: 'Without httpsOnly the app answers plain http:// requests, so cookies, tokens and form data can cross the network unencrypted. App Service terminates TLS at its front ends; this flag makes them redirect every HTTP request to HTTPS. Every App Service control judges web, function and API apps, their slots and Logic Apps Standard sites (kind workflowapp: they run on the App Service front end with the site\'s own settings, although Azure Policy\'s App Service definitions leave them out); a function app hosted on Azure Container Apps (kind azurecontainerapps) is not applicable, because Container Apps, not the site, terminates its TLS.',
    fix: 'PATCH the site (or slot) with {"properties":{"httpsOnly":true}}. Nothing else on the site changes.',
    sideEffects: 'HTTP requests get a 301 redirect to HTTPS. Clients that cannot follow redirects or cannot speak TLS (old devices, health probes hard-coded to http://, webhooks posting to http:// URLs) stop working.',
    exemptWhen: 'An app that must serve plain HTTP to a legacy client which cannot be changed, with the traffic confined to a private network. Record the client and the date it will be retired.',
  },
  evaluate: onAppServiceFrontEnd((site) => requireValue(site, 'properties.httpsOnly', true)),
  fix: () => ({ properties: { httpsOnly: true } }),
  fixPaths: ['properties.httpsOnly'],
});
