import { describe, expect, it } from 'vitest';
import control from './appservice-https-only';
import { controlsForType } from '../../controls';
import { controlCases } from '../../../test/helpers/control-cases';
import { recordedSite, sampleSite, sampleSlot, withFields, withProperties } from '../../../test/fixtures/samples';

const fix = { properties: { httpsOnly: true } };
const secure = withProperties(sampleSite(), { httpsOnly: true });

controlCases(control, {
  pass: [
    { name: 'httpsOnly is true on a web app', document: secure },
    { name: 'httpsOnly is true on a Linux function app', document: withFields(secure, { kind: 'functionapp,linux' }) },
    { name: 'httpsOnly is true on an API app', document: withFields(secure, { kind: 'api' }) },
    { name: 'httpsOnly is true on a deployment slot', document: withProperties(sampleSlot(), { httpsOnly: true }) },
  ],
  fail: [
    { name: 'httpsOnly is false as in the WebApps_Get example', document: sampleSite(), path: 'properties.httpsOnly', patch: fix },
    { name: 'httpsOnly is false in a recorded site PATCH response', document: recordedSite(), patch: fix },
    { name: 'httpsOnly is absent', document: withProperties(sampleSite(), { httpsOnly: undefined }), patch: fix },
    { name: 'httpsOnly is null', document: withProperties(sampleSite(), { httpsOnly: null }), patch: fix },
    { name: 'httpsOnly is the string "true"', document: withProperties(sampleSite(), { httpsOnly: 'true' }), patch: fix },
    { name: 'a deployment slot has httpsOnly false', document: sampleSlot(), patch: fix },
    {
      name: 'a containerized Linux function app has httpsOnly false',
      document: withFields(sampleSite(), { kind: 'functionapp,linux,container' }),
      patch: fix,
    },
  ],
});

describe('appservice-https-only', () => {
  it('applies to sites and slots whatever their kind, in any type casing', () => {
    expect(controlsForType('Microsoft.Web/sites')).toContain(control);
    expect(controlsForType('microsoft.web/sites/slots')).toContain(control);
  });

  it('reports the value it found and the value it expects', () => {
    expect(control.evaluate(sampleSite(), sampleSite())).toMatchObject({ status: 'fail', actual: false, expected: true });
  });

  it('needs read and write on sites and slots, and nothing on config', () => {
    expect([...control.permissions].sort()).toEqual([
      'Microsoft.Web/sites/read', 'Microsoft.Web/sites/slots/read', 'Microsoft.Web/sites/slots/write', 'Microsoft.Web/sites/write',
    ]);
  });
});
