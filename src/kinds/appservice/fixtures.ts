// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { siteConfig, siteId, slot, webApp } from '../../../test/fixtures/arm';
import { APP_SERVICE_TLS_FIX } from './shared';

/**
 * A site's sample says ftpsState AllAllowed and client certificates off, as the REST example does, so
 * each enforce case sets the other settings compliant to leave one control failing.
 */
export const fixtures: KindFixtures = {
  resources: (options) => [
    ...webApp({ httpsOnly: false }, { minTlsVersion: '1.0' }),
    ...(options.slot ? [slot({ httpsOnly: false }), siteConfig({ minTlsVersion: '1.0' }, { slot: 'staging' })] : []),
  ],
  fixes: ['appservice-https-only', 'appservice-min-tls', 'appservice-ftps-only'],
  failsEveryControl: () => [
    ...webApp({ httpsOnly: false, clientCertEnabled: false }, { minTlsVersion: '1.0', scmMinTlsVersion: '1.0', ftpsState: 'AllAllowed' }),
    slot({ httpsOnly: false }),
    siteConfig({ minTlsVersion: '1.0' }, { slot: 'staging' }),
  ],
  enforceCases: [
    {
      control: 'appservice-https-only', estate: () => webApp({ httpsOnly: false, clientCertEnabled: true }, { ftpsState: 'FtpsOnly' }, { name: 'app-https' }),
      resourceId: siteId('app-https'), target: 'self', patch: { properties: { httpsOnly: true } }, documentId: siteId('app-https'),
    },
    {
      control: 'appservice-min-tls', estate: () => webApp({ httpsOnly: true, clientCertEnabled: true }, { minTlsVersion: '1.0', ftpsState: 'FtpsOnly' }, { name: 'app-tls' }),
      resourceId: siteId('app-tls'), target: 'config/web', patch: { properties: { minTlsVersion: APP_SERVICE_TLS_FIX } }, documentId: `${siteId('app-tls')}/config/web`,
    },
    {
      control: 'appservice-scm-min-tls', estate: () => webApp({ httpsOnly: true, clientCertEnabled: true }, { scmMinTlsVersion: '1.1', ftpsState: 'FtpsOnly' }, { name: 'app-scm' }),
      resourceId: siteId('app-scm'), target: 'config/web', patch: { properties: { scmMinTlsVersion: APP_SERVICE_TLS_FIX } }, documentId: `${siteId('app-scm')}/config/web`,
    },
    {
      control: 'appservice-ftps-only', estate: () => webApp({ httpsOnly: true, clientCertEnabled: true }, { ftpsState: 'AllAllowed' }, { name: 'app-ftps' }),
      resourceId: siteId('app-ftps'), target: 'config/web', patch: { properties: { ftpsState: 'FtpsOnly' } }, documentId: `${siteId('app-ftps')}/config/web`,
    },
  ],
};
