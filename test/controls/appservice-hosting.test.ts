import { describe, expect, it } from 'vitest';
import { CONTROLS_BY_KIND } from '../../src/controls';
import { SELF } from '../../src/controls/types';
import { sampleAuthSettingsV2, sampleSite, sampleSiteConfig, withFields, withProperties } from '../fixtures/samples';
import { resourceGroup, siteConfig, site, siteId } from '../fixtures/arm';
import { byControl, sandboxEngine } from '../helpers/sandbox-runtime';

// Kinds as ARM reports them: a function app on Azure Container Apps, and a Logic Apps Standard app.
const ON_CONTAINER_APPS = 'functionapp,linux,container,azurecontainerapps';
const LOGIC_APP_STANDARD = 'functionapp,workflowapp';

describe('which App Service sites the controls judge', () => {
  const drifted = withProperties(sampleSite(), { httpsOnly: false, clientCertEnabled: false });
  const driftedConfig = withProperties(sampleSiteConfig(), { minTlsVersion: '1.0', scmMinTlsVersion: '1.0', ftpsState: 'AllAllowed' });
  const driftedAuth = withProperties(sampleAuthSettingsV2(), { httpSettings: { requireHttps: false } });
  /** The drifted document a control reads: the site, its config/web or its config/authsettingsV2. */
  const documentFor = (target: string) => (target === 'config/authsettingsV2' ? driftedAuth : driftedConfig);

  it.each(CONTROLS_BY_KIND.appservice.map((control) => [control.id, control]))('%s does not apply to a function app hosted on Container Apps, and says why', (_, control) => {
    const hosted = withFields(drifted, { kind: ON_CONTAINER_APPS });
    const verdict = control.evaluate(control.target === SELF ? hosted : documentFor(control.target), hosted);
    expect(verdict).toEqual({ status: 'not-applicable', reason: expect.stringContaining('hosted on Azure Container Apps') });
  });

  it.each(CONTROLS_BY_KIND.appservice.map((control) => [control.id, control]))('%s judges a Logic Apps Standard site like any app', (_, control) => {
    const logicApp = withFields(drifted, { kind: LOGIC_APP_STANDARD });
    expect(control.evaluate(control.target === SELF ? logicApp : documentFor(control.target), logicApp).status).toBe('fail');
  });

  it('writes nothing to a drifted function app on Container Apps and records each control skipped as not applicable', async () => {
    const t = sandboxEngine([resourceGroup(), site({ httpsOnly: false }, { kind: ON_CONTAINER_APPS }), siteConfig({ minTlsVersion: '1.0' })]);
    const records = byControl(await t.process(siteId()));
    for (const control of CONTROLS_BY_KIND.appservice) expect(records[control.id], control.id).toMatchObject({ outcome: 'skipped', skipCode: 'not-applicable' });
    expect(t.sandbox.writes).toHaveLength(0);
  });
});
