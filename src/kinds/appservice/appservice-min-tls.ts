import { defineControl } from '../../controls/types';
import { requireOneOf } from '../../controls/expect';
import {
  APP_SERVICE_TLS_ACCEPTED, APP_SERVICE_TLS_FIX, APP_SERVICE_TYPES, SITE_CONFIG_READ, SITE_CONFIG_TARGET, SITE_CONFIG_WRITE, SITE_READ, onAppServiceFrontEnd,
} from './shared';

export default defineControl({
  id: 'appservice-min-tls',
  title: 'App Service apps refuse TLS older than 1.2',
  summary: { resource: 'web, function and API apps and their slots: `config/web`', compliantWhen: '`minTlsVersion` 1.2 or 1.3', fix: 'config PATCH `"1.2"`' },
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
  },
  evaluate: onAppServiceFrontEnd((config) => requireOneOf(config, 'properties.minTlsVersion', APP_SERVICE_TLS_ACCEPTED, APP_SERVICE_TLS_FIX)),
  fix: () => ({ properties: { minTlsVersion: APP_SERVICE_TLS_FIX } }),
  fixPaths: ['properties.minTlsVersion'],
});
