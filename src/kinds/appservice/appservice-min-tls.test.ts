import { describe, expect, it } from 'vitest';
import control from './appservice-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { recordedSite, sampleSite, sampleSiteConfig, sampleSlot, sampleSlotConfig, withFields, withProperties } from '../../../test/fixtures/samples';
import { readPath, type ArmObject, type JsonObject } from '../../controls/types';

const site = sampleSite();
const functionApp = withFields(sampleSite(), { kind: 'functionapp' });
const fix = { properties: { minTlsVersion: '1.2' } };
const config = (minTlsVersion: string | number | null | undefined): ArmObject => withProperties(sampleSiteConfig(), { minTlsVersion });

/** What a site GET embeds as siteConfig: the TLS fields are null there (arm-appservice recording). */
function embeddedSiteConfig(): ArmObject {
  const siteConfig = readPath(recordedSite(), 'properties.siteConfig') as JsonObject;
  return { id: `${String(recordedSite().id)}/config/web`, type: 'Microsoft.Web/sites/config', properties: siteConfig };
}

controlCases(control, {
  pass: [
    { name: 'minTlsVersion is "1.2" as in the WebApps_GetConfiguration example', document: sampleSiteConfig(), resource: site },
    { name: 'minTlsVersion is the stricter "1.3"', document: config('1.3'), resource: site },
    { name: 'a function app has minTlsVersion "1.2"', document: config('1.2'), resource: functionApp },
    { name: 'a slot config/web has minTlsVersion "1.2"', document: sampleSlotConfig(), resource: sampleSlot() },
  ],
  fail: [
    { name: 'minTlsVersion is "1.0"', document: config('1.0'), resource: site, path: 'properties.minTlsVersion', patch: fix },
    { name: 'minTlsVersion is "1.1"', document: config('1.1'), resource: site, patch: fix },
    { name: 'minTlsVersion is absent from config/web', document: config(undefined), resource: site, patch: fix },
    { name: 'minTlsVersion is null', document: config(null), resource: site, patch: fix },
    { name: 'minTlsVersion is the number 1.2', document: config(1.2), resource: site, patch: fix },
    { name: 'minTlsVersion uses the storage spelling "TLS1_2"', document: config('TLS1_2'), resource: site, patch: fix },
    { name: 'a function app has minTlsVersion "1.0"', document: config('1.0'), resource: functionApp, patch: fix },
    {
      name: 'a slot config/web has minTlsVersion "1.1"',
      document: withProperties(sampleSlotConfig(), { minTlsVersion: '1.1' }),
      resource: sampleSlot(),
      patch: fix,
    },
    { name: 'the document is the null-filled siteConfig of a site GET', document: embeddedSiteConfig(), resource: recordedSite(), patch: fix },
  ],
});

describe('appservice-min-tls', () => {
  it('reads and patches config/web, where ARM reports the enforced TLS version', () => {
    expect(control.target).toBe('config/web');
  });

  it('needs to read the site and to read and write its config, for sites and slots', () => {
    expect([...control.permissions].sort()).toEqual([
      'Microsoft.Web/sites/config/read', 'Microsoft.Web/sites/config/write', 'Microsoft.Web/sites/read',
      'Microsoft.Web/sites/slots/config/read', 'Microsoft.Web/sites/slots/config/write', 'Microsoft.Web/sites/slots/read',
    ]);
  });

  it('names the accepted versions in its reason and the fix value as expected', () => {
    const verdict = control.evaluate(config('1.0'), site);
    expect(verdict).toMatchObject({ status: 'fail', actual: '1.0', expected: '1.2' });
    expect(verdict.status === 'fail' && verdict.reason).toMatch(/"1\.2", "1\.3"/);
  });
});
