import { describe, expect, it } from 'vitest';
import control from './appservice-client-cert';
import { controlCases } from '../../../test/helpers/control-cases';
import { recordedSite, sampleSite, sampleSlot, withFields, withProperties } from '../../../test/fixtures/samples';

// The WebApps_Get example says clientCertMode "Required".
const enabled = withProperties(sampleSite(), { clientCertEnabled: true });

controlCases(control, {
  pass: [
    { name: 'clientCertEnabled is true', document: enabled },
    { name: 'clientCertEnabled is true on a function app', document: withFields(enabled, { kind: 'functionapp,linux' }) },
    { name: 'clientCertEnabled is true on a slot', document: withProperties(sampleSlot(), { clientCertEnabled: true }) },
  ],
  fail: [
    { name: 'clientCertEnabled is false as in the WebApps_Get example', document: sampleSite(), path: 'properties.clientCertEnabled' },
    { name: 'clientCertEnabled is false in a recorded site PATCH response', document: recordedSite() },
    { name: 'clientCertEnabled is absent', document: withProperties(sampleSite(), { clientCertEnabled: undefined }) },
    { name: 'clientCertEnabled is the string "true"', document: withProperties(sampleSite(), { clientCertEnabled: 'true' }) },
    { name: 'a slot has clientCertEnabled false', document: sampleSlot() },
    { name: 'clientCertEnabled is true but clientCertMode is Optional (clients without a certificate get in)', document: withProperties(enabled, { clientCertMode: 'Optional' }), path: 'properties.clientCertMode' },
    { name: 'clientCertEnabled is true but clientCertMode is OptionalInteractiveUser', document: withProperties(enabled, { clientCertMode: 'OptionalInteractiveUser' }) },
    { name: 'clientCertEnabled is true but clientCertMode is absent', document: withProperties(enabled, { clientCertMode: undefined }) },
  ],
});

describe('appservice-client-cert', () => {
  it('is report-only: it has no fix and defaults to report', () => {
    expect(control.fix).toBeUndefined();
    expect(control.defaultMode).toBe('report');
  });

  it('asks only for read permissions, since it never writes', () => {
    expect(control.permissions.every((p) => p.endsWith('/read'))).toBe(true);
  });

  it('explains that enabling it rejects clients without certificates', () => {
    expect(control.doc.sideEffects).toMatch(/without a certificate/);
  });

  it('does not count clientCertMode "Required" as enabled while clientCertEnabled is false', () => {
    expect(sampleSite().properties).toMatchObject({ clientCertMode: 'Required', clientCertEnabled: false });
    expect(control.evaluate(sampleSite(), sampleSite()).status).toBe('fail');
  });
});
