import { describe, expect, it } from 'vitest';
import control from './containerapp-https-only';
import { controlsForType } from '../../controls';
import { controlCases } from '../../../test/helpers/control-cases';
import { containerApp, sampleContainerApp } from './fixtures';

const fix = { properties: { configuration: { ingress: { allowInsecure: false } } } };

controlCases(control, {
  pass: [
    { name: 'allowInsecure is absent as in the ContainerApps_Get example, which the spec defaults to false', document: sampleContainerApp() },
    { name: 'allowInsecure is false', document: containerApp({ allowInsecure: false }) },
  ],
  fail: [
    { name: 'allowInsecure is true on the example app', document: containerApp({ allowInsecure: true }), path: 'properties.configuration.ingress.allowInsecure', patch: fix },
    { name: 'allowInsecure is true on an internal app', document: containerApp({ allowInsecure: true, external: false }), patch: fix },
    { name: 'allowInsecure is null', document: containerApp({ allowInsecure: null }), patch: fix },
    { name: 'allowInsecure is the string "false"', document: containerApp({ allowInsecure: 'false' }), patch: fix },
  ],
  notApplicable: [
    { name: 'the app has no ingress', document: containerApp(null) },
    { name: 'the app has ingress null', document: withNullIngress() },
  ],
});

function withNullIngress() {
  const app = containerApp(null);
  (app.properties as { configuration: Record<string, null> }).configuration.ingress = null;
  return app;
}

describe('containerapp-https-only', () => {
  it('applies to the type as ARM spells it, case-insensitively', () => {
    expect(sampleContainerApp().type).toBe('Microsoft.App/containerApps');
    expect(controlsForType('microsoft.app/containerapps')).toContain(control);
  });

  it('says why an app without ingress is not applicable, and writes nothing for it', () => {
    const verdict = control.evaluate(containerApp(null), containerApp(null));
    expect(verdict).toEqual({ status: 'not-applicable', reason: expect.stringMatching(/no ingress/) });
  });

  it('documents why an absent flag counts as compliant', () => {
    expect(control.doc.fix).toMatch(/absent/i);
  });
});
