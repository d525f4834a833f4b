import { defineControl, SELF } from '../../controls/types';
import { requireValue } from '../../controls/expect';
import { APP_SERVICE_TYPES, SITE_READ, SITE_WRITE, onAppServiceFrontEnd } from './shared';

export default defineControl({
  id: 'appservice-https-only',
  title: 'App Service apps redirect plain HTTP to HTTPS',
  summary: { resource: 'web, function and API apps and their slots', compliantWhen: '`httpsOnly = true`', fix: 'site PATCH' },
  recommendations: [
    { appliesTo: 'web app', policies: [{ id: 'a4af4a39-4135-47fb-b175-47fbdf85311d', displayName: 'App Service apps should only be accessible over HTTPS' }], assessment: { key: '1b351b29-41ca-6df5-946c-c190a56be5fe', displayName: 'Web Application should only be accessible over HTTPS' } },
    { appliesTo: 'function app', policies: [{ id: '6d555dd1-86f2-4f1c-8ed7-5abae7c6cbab', displayName: 'Function apps should only be accessible over HTTPS' }], assessment: { key: 'cb0acdc6-0846-fd48-debe-9905af151b6d', displayName: 'Function App should only be accessible over HTTPS' } },
    { appliesTo: 'api app', policies: [{ id: 'a4af4a39-4135-47fb-b175-47fbdf85311d', displayName: 'App Service apps should only be accessible over HTTPS' }], assessment: { key: 'bf82a334-13b6-ca57-ea75-096fc2ffce50', displayName: 'API App should only be accessible over HTTPS' } },
    { appliesTo: 'web app slot', policies: [{ id: 'ae1b9a8c-dfce-4605-bd91-69213b4a26fc', displayName: 'App Service app slots should only be accessible over HTTPS' }], assessment: null },
    { appliesTo: 'function app slot', policies: [{ id: '5e5dbe3f-2702-4ffc-8b1e-0cae008a5c71', displayName: 'Function app slots should only be accessible over HTTPS' }], assessment: null },
  ],
  resourceTypes: APP_SERVICE_TYPES,
  target: SELF,
  permissions: [...SITE_READ, ...SITE_WRITE],
  defaultMode: 'enforce',
  doc: {
    why: 'Without httpsOnly the app answers plain http:// requests, so cookies, tokens and form data can cross the network unencrypted. App Service terminates TLS at its front ends; this flag makes them redirect every HTTP request to HTTPS. Every App Service control judges web, function and API apps, their slots and Logic Apps Standard sites (kind workflowapp: they run on the App Service front end with the site\'s own settings, although Azure Policy\'s App Service definitions leave them out); a function app hosted on Azure Container Apps (kind azurecontainerapps) is not applicable, because Container Apps, not the site, terminates its TLS.',
    fix: 'PATCH the site (or slot) with {"properties":{"httpsOnly":true}}. Nothing else on the site changes.',
    sideEffects: 'HTTP requests get a 301 redirect to HTTPS. Clients that cannot follow redirects or cannot speak TLS (old devices, health probes hard-coded to http://, webhooks posting to http:// URLs) stop working.',
    exemptWhen: 'An app that must serve plain HTTP to a legacy client which cannot be changed, with the traffic confined to a private network. Record the client and the date it will be retired.',
    differsFromPolicy: 'Azure Policy\'s definitions and Defender leave out Logic Apps Standard sites (kind workflowapp) and function apps hosted on Container Apps. transit-warden judges and fixes Logic Apps Standard sites as well (their records carry no recommendation) and records Container-Apps-hosted function apps as not applicable. Like the policies, a site without httpsOnly fails.',
  },
  evaluate: onAppServiceFrontEnd((site) => requireValue(site, 'properties.httpsOnly', true)),
  fix: () => ({ properties: { httpsOnly: true } }),
  fixPaths: ['properties.httpsOnly'],
});
