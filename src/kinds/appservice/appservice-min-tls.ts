import { defineControl } from '../../controls/types';
import { requireOneOf } from '../../controls/expect';
import {
  APP_SERVICE_TLS_ACCEPTED, APP_SERVICE_TLS_FIX, APP_SERVICE_TYPES, SITE_CONFIG_READ, SITE_CONFIG_TARGET, SITE_CONFIG_WRITE, SITE_READ, onAppServiceFrontEnd,
} from './shared';

export default defineControl({
  id: 'appservice-min-tls',
  title: 'App Service apps refuse TLS older than 1.2',
  summary: { resource: 'web, function and API apps and their slots: `config/web`', compliantWhen: '`minTlsVersion` 1.2 or 1.3', fix: 'config PATCH `"1.2"`' },
  recommendations: [
    { appliesTo: 'web app', policies: [{ id: 'f0e6e85b-9b9f-4a4b-b67b-f730d42f1b0b', displayName: 'App Service apps should use the latest TLS version' }], assessment: { key: '2a54c352-7ca4-4bae-ad46-47ecd9595bd2', displayName: 'TLS should be updated to the latest version for web apps' } },
    { appliesTo: 'function app', policies: [{ id: 'f9d614c5-c173-4d56-95a7-b4437057d193', displayName: 'Function apps should use the latest TLS version' }], assessment: { key: '15be5f3c-e0a4-c0fa-fbff-8e50339b4b22', displayName: 'TLS should be updated to the latest version for function apps' } },
    { appliesTo: 'api app', policies: [{ id: 'f0e6e85b-9b9f-4a4b-b67b-f730d42f1b0b', displayName: 'App Service apps should use the latest TLS version' }], assessment: { key: '5a659d57-117d-bb18-65f6-54e51da1bb9b', displayName: 'TLS should be updated to the latest version for API apps' } },
    { appliesTo: 'web app slot', policies: [{ id: '4ee5b817-627a-435a-8932-116193268172', displayName: 'App Service app slots should use the latest TLS version' }], assessment: null },
    { appliesTo: 'function app slot', policies: [{ id: 'deb528de-8f89-4101-881c-595899253102', displayName: 'Function app slots should use the latest TLS version' }], assessment: null },
  ],
  resourceTypes: APP_SERVICE_TYPES,
  // A site GET reports siteConfig.minTlsVersion as null; only config/web says what is enforced.
  target: SITE_CONFIG_TARGET,
  permissions: [...SITE_READ, ...SITE_CONFIG_READ, ...SITE_CONFIG_WRITE],
  defaultMode: 'enforce',
  doc: {
    why: 'TLS 1.0 and 1.1 have known weaknesses (BEAST, weak CBC suites, SHA-1 handshakes) and are no longer accepted by PCI DSS. minTlsVersion sets the oldest protocol the app front end accepts on its own hostnames.',
    fix: 'PATCH config/web of the site (or slot) with {"properties":{"minTlsVersion":"1.2"}}. An app already on "1.3" is compliant and left alone.',
    sideEffects: 'Clients that only speak TLS 1.0/1.1 fail the handshake: Java 7, .NET Framework 4.5 without SchUseStrongCrypto, Windows 7/Server 2008 R2 without updates, old Android and embedded devices.',
    exemptWhen: 'A public endpoint still serves a known legacy client that cannot be upgraded yet. Set transit-warden-exempt-until to the date the client is retired.',
    differsFromPolicy: 'The audit definitions pass 1.2 and newer, as this control does. Their Configure (DeployIfNotExists) companions write a fixed "1.3" (Configure App Service apps to use the latest TLS version, ae44c1d1-0df2-4ca9-98fa-a3d3ae5b409d version 1.2.0, deploys config/web with minTlsVersion "1.3"), while transit-warden writes "1.2": the smallest change that passes, so clients limited to TLS 1.2 keep working.',
  },
  evaluate: onAppServiceFrontEnd((config) => requireOneOf(config, 'properties.minTlsVersion', APP_SERVICE_TLS_ACCEPTED, APP_SERVICE_TLS_FIX)),
  fix: () => ({ properties: { minTlsVersion: APP_SERVICE_TLS_FIX } }),
  fixPaths: ['properties.minTlsVersion'],
});
