import { describe, expect, it } from 'vitest';
import control from './appservice-ftps-only';
import { controlCases } from '../../../test/helpers/control-cases';
import { sampleSite, sampleSiteConfig, sampleSlot, sampleSlotConfig, withFields, withProperties } from '../../../test/fixtures/samples';
import type { ArmObject } from '../../controls/types';

const site = sampleSite();
const fix = { properties: { ftpsState: 'FtpsOnly' } };
const config = (ftpsState: string | boolean | null | undefined): ArmObject => withProperties(sampleSiteConfig(), { ftpsState });

controlCases(control, {
  pass: [
    { name: 'ftpsState is FtpsOnly', document: config('FtpsOnly'), resource: site },
    { name: 'FTP is Disabled altogether', document: config('Disabled'), resource: site },
    { name: 'a function app has FTP Disabled', document: config('Disabled'), resource: withFields(sampleSite(), { kind: 'functionapp' }) },
    { name: 'a slot config/web has ftpsState FtpsOnly', document: withProperties(sampleSlotConfig(), { ftpsState: 'FtpsOnly' }), resource: sampleSlot() },
  ],
  fail: [
    {
      name: 'ftpsState is AllAllowed as in the WebApps_GetConfiguration example',
      document: sampleSiteConfig(), resource: site, path: 'properties.ftpsState', patch: fix,
    },
    { name: 'ftpsState is absent from config/web', document: config(undefined), resource: site, patch: fix },
    { name: 'ftpsState is null', document: config(null), resource: site, patch: fix },
    { name: 'ftpsState is a boolean', document: config(true), resource: site, patch: fix },
    { name: 'a slot config/web allows plain FTP', document: sampleSlotConfig(), resource: sampleSlot(), patch: fix },
  ],
});

describe('appservice-ftps-only', () => {
  it('reports AllAllowed as actual and FtpsOnly as expected', () => {
    expect(control.evaluate(sampleSiteConfig(), site)).toMatchObject({ status: 'fail', actual: 'AllAllowed', expected: 'FtpsOnly' });
  });
});
