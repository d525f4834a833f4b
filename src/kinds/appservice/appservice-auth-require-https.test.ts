import { describe, expect, it } from 'vitest';
import control from './appservice-auth-require-https';
import { controlCases } from '../../../test/helpers/control-cases';
import { sampleAuthSettingsV2, sampleSite, sampleSlot, withFields } from '../../../test/fixtures/samples';
import { siteId, slotId, webApp } from '../../../test/fixtures/arm';
import { checkResources } from '../../engine/check';
import { catalog } from '../../controls';
import { readPath, type ArmObject } from '../../controls/types';
import { authSettingsV2 } from './fixtures';

const site = sampleSite();
const fix = { properties: { httpSettings: { requireHttps: true } } };

/** The WebApps_GetAuthSettingsV2WithoutSecrets example with httpSettings.requireHttps set (or removed). */
function auth(requireHttps: unknown): ArmObject {
  const document = sampleAuthSettingsV2();
  const httpSettings = readPath(document, 'properties.httpSettings') as Record<string, unknown>;
  if (requireHttps === undefined) delete httpSettings.requireHttps;
  else httpSettings.requireHttps = requireHttps;
  return document;
}

/** A document of an app whose authentication was never configured: platform off, no providers. */
function unconfigured(requireHttps: boolean): ArmObject {
  return { ...auth(requireHttps), properties: { platform: { enabled: false }, globalValidation: { requireAuthentication: false }, httpSettings: { requireHttps } } };
}

controlCases(control, {
  pass: [
    { name: 'requireHttps is true as in the WebApps_GetAuthSettingsV2WithoutSecrets example', document: sampleAuthSettingsV2(), resource: site },
    { name: 'requireHttps is absent: it is not false', document: auth(undefined), resource: site },
    { name: 'requireHttps is null', document: auth(null), resource: site },
    { name: 'httpSettings is absent altogether', document: { ...sampleAuthSettingsV2(), properties: { platform: { enabled: true } } }, resource: site },
    { name: 'authentication never configured, requireHttps true', document: unconfigured(true), resource: site },
    { name: 'a slot whose requireHttps is true', document: authSettingsV2(slotId(), true), resource: sampleSlot() },
  ],
  fail: [
    { name: 'requireHttps is false on a site with Google sign-in', document: auth(false), resource: site, path: 'properties.httpSettings.requireHttps', patch: fix },
    { name: 'requireHttps is false on an app whose authentication is off (judged as it is)', document: unconfigured(false), resource: site, patch: fix },
    { name: 'requireHttps is the string "false"', document: auth('false'), resource: site, patch: fix },
    { name: 'requireHttps is false on a function app', document: auth(false), resource: withFields(site, { kind: 'functionapp' }), patch: fix },
    { name: 'requireHttps is false on a slot', document: authSettingsV2(slotId(), false), resource: sampleSlot(), patch: fix },
  ],
  notApplicable: [
    { name: 'a function app hosted on Container Apps', document: auth(false), resource: withFields(site, { kind: 'functionapp,linux,container,azurecontainerapps' }) },
  ],
});

describe('appservice-auth-require-https', () => {
  it('reads and writes config/authsettingsV2, with the config actions of sites and slots', () => {
    expect(control.target).toBe('config/authsettingsV2');
    expect([...control.permissions].sort()).toEqual([
      'Microsoft.Web/sites/config/read', 'Microsoft.Web/sites/config/write', 'Microsoft.Web/sites/read',
      'Microsoft.Web/sites/slots/config/read', 'Microsoft.Web/sites/slots/config/write', 'Microsoft.Web/sites/slots/read',
    ]);
  });

  it('says in its doc that the write is a PUT of the document just read, without If-Match', () => {
    expect(control.doc.fix).toMatch(/PUT/);
    expect(control.doc.fix).toMatch(/WebApps_UpdateAuthSettingsV2/);
    expect(control.doc.fix).toMatch(/no ETag/);
  });

  it('leaves the rest of the document to the adapter: its fix names only requireHttps', () => {
    expect(control.fixPaths).toEqual(['properties.httpSettings.requireHttps']);
  });

  it('makes check fail an authsettingsV2 document with requireHttps false (it used to pass silently)', () => {
    const [app, config] = webApp({ httpsOnly: true, clientCertEnabled: true }, { ftpsState: 'FtpsOnly' }, { name: 'app-auth' });
    const results = checkResources([app, config, authSettingsV2(siteId('app-auth'), false)], catalog, new Date('2026-01-01T00:00:00Z'));
    const result = results.find((r) => r.control === 'appservice-auth-require-https');
    expect(result).toMatchObject({ resourceId: siteId('app-auth'), status: 'fail', path: 'properties.httpSettings.requireHttps', actual: false, expected: true });
  });
});
