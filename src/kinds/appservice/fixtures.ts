// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import type { KindFixtures } from '../fixture-types';
import { siteConfig, siteId, slot, slotId, webApp } from '../../../test/fixtures/arm';
import { sampleAuthSettingsV2 } from '../../../test/fixtures/samples';
import type { ArmObject } from '../../controls/types';
import { APP_SERVICE_TLS_FIX, AUTH_SETTINGS_TARGET } from './shared';

/**
 * The config/authsettingsV2 of the site (or slot) `ownerId`, from the WebApps_GetAuthSettingsV2WithoutSecrets
 * example (Google sign-in, a client secret setting name, token store, forward proxy) with
 * requireHttps as given. The example's `type` contradicts its id; ARM's type for config documents
 * is the id's, `…/sites/config` (or `…/sites/slots/config`).
 */
export function authSettingsV2(ownerId: string, requireHttps: boolean | undefined): ArmObject {
  const document = sampleAuthSettingsV2();
  const properties = document.properties as { httpSettings: { requireHttps?: boolean } };
  if (requireHttps === undefined) delete properties.httpSettings.requireHttps;
  else properties.httpSettings.requireHttps = requireHttps;
  const inSlot = /\/slots\//i.test(ownerId);
  return { ...document, id: `${ownerId}/${AUTH_SETTINGS_TARGET}`, name: 'authsettingsV2', type: inSlot ? 'Microsoft.Web/sites/slots/config' : 'Microsoft.Web/sites/config' };
}

/**
 * A site's sample says ftpsState AllAllowed and client certificates off, as the REST example does, so
 * each enforce case sets the other settings compliant to leave one control failing.
 */
export const fixtures: KindFixtures = {
  resources: (options) => [
    ...webApp({ httpsOnly: false }, { minTlsVersion: '1.0' }),
    authSettingsV2(siteId(), false),
    ...(options.slot ? [slot({ httpsOnly: false }), siteConfig({ minTlsVersion: '1.0' }, { slot: 'staging' })] : []),
  ],
  fixes: ['appservice-https-only', 'appservice-min-tls', 'appservice-ftps-only', 'appservice-auth-require-https'],
  failsEveryControl: () => [
    ...webApp({ httpsOnly: false, clientCertEnabled: false }, { minTlsVersion: '1.0', scmMinTlsVersion: '1.0', ftpsState: 'AllAllowed' }),
    authSettingsV2(siteId(), false),
    slot({ httpsOnly: false }),
    siteConfig({ minTlsVersion: '1.0' }, { slot: 'staging' }),
    authSettingsV2(slotId(), false),
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
    {
      // The write is a PUT of the whole document; what it changes is exactly this.
      control: 'appservice-auth-require-https',
      estate: () => [...webApp({ httpsOnly: true, clientCertEnabled: true }, { ftpsState: 'FtpsOnly' }, { name: 'app-auth' }), authSettingsV2(siteId('app-auth'), false)],
      resourceId: siteId('app-auth'), target: AUTH_SETTINGS_TARGET, patch: { properties: { httpSettings: { requireHttps: true } } }, documentId: `${siteId('app-auth')}/${AUTH_SETTINGS_TARGET}`,
    },
  ],
};
