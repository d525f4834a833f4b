import { describe, expect, it } from 'vitest';
import control from './appservice-scm-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { sampleSite, sampleSiteConfig, sampleSlot, sampleSlotConfig, withFields, withProperties } from '../../../test/fixtures/samples';
import type { ArmObject } from '../../controls/types';

const site = sampleSite();
const fix = { properties: { scmMinTlsVersion: '1.2' } };
const config = (scmMinTlsVersion: string | boolean | null | undefined): ArmObject =>
  withProperties(sampleSiteConfig(), { scmMinTlsVersion });

controlCases(control, {
  pass: [
    { name: 'scmMinTlsVersion is "1.2" as in the WebApps_GetConfiguration example', document: sampleSiteConfig(), resource: site },
    { name: 'scmMinTlsVersion is the stricter "1.3"', document: config('1.3'), resource: site },
    { name: 'a slot config/web has scmMinTlsVersion "1.2"', document: sampleSlotConfig(), resource: sampleSlot() },
  ],
  fail: [
    { name: 'scmMinTlsVersion is "1.0"', document: config('1.0'), resource: site, path: 'properties.scmMinTlsVersion', patch: fix },
    { name: 'scmMinTlsVersion is "1.1"', document: config('1.1'), resource: site, patch: fix },
    { name: 'scmMinTlsVersion is absent from config/web', document: config(undefined), resource: site, patch: fix },
    { name: 'scmMinTlsVersion is null', document: config(null), resource: site, patch: fix },
    { name: 'scmMinTlsVersion is a boolean', document: config(true), resource: site, patch: fix },
    {
      name: 'a Linux function app slot has scmMinTlsVersion "1.0"',
      document: withProperties(sampleSlotConfig(), { scmMinTlsVersion: '1.0' }),
      resource: withFields(sampleSlot(), { kind: 'functionapp,linux' }),
      patch: fix,
    },
  ],
});

describe('appservice-scm-min-tls', () => {
  it('judges the SCM endpoint on its own: a weak app TLS floor does not affect it', () => {
    const appWeakScmStrong = withProperties(sampleSiteConfig(), { minTlsVersion: '1.0', scmMinTlsVersion: '1.2' });
    expect(control.evaluate(appWeakScmStrong, site)).toEqual({ status: 'pass' });
  });
});
