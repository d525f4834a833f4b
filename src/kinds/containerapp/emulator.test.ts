// Test-only: the minimal write of containerapp-https-only proven through the official SDK client and the
// ARM emulator — merge patch keeps every other ingress field, a concurrent change survives, and the
// emulator refuses what ContainerApps_Update's model refuses (no location, another location).
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { describe, expect, it } from 'vitest';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { ArmSandbox, SANDBOX_TOKEN } from '../../sandbox/arm-sandbox';
import { resourceGroup, SUBSCRIPTION_ID } from '../../../test/fixtures/arm';
import { byControl, sandboxEngine } from '../../../test/helpers/sandbox-runtime';
import type { JsonObject } from '../../controls/types';
import { containerApp, containerAppId } from './fixtures';

const INGRESS_KEYS = ['customDomains', 'external', 'fqdn', 'ipSecurityRestrictions', 'stickySessions', 'targetPort', 'traffic', 'transport'];

function ingressOf(app: JsonObject | undefined): JsonObject {
  return ((app?.properties as JsonObject).configuration as JsonObject).ingress as JsonObject;
}

function patchRequest(sandbox: ArmSandbox, body: JsonObject) {
  return sandbox.httpClient.sendRequest(createPipelineRequest({
    url: `${sandbox.endpoint}${containerAppId()}?api-version=2026-07-01`,
    method: 'PATCH',
    headers: createHttpHeaders({ authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  }));
}

describe('containerapp: the fix through @azure/arm-appcontainers and the emulator', () => {
  it('sets only allowInsecure: targetPort, traffic, customDomains and every other ingress field survive, and so does the rest of the app', async () => {
    const t = sandboxEngine([resourceGroup(), containerApp({ allowInsecure: true })]);
    const before = structuredClone(t.sandbox.get(containerAppId()));
    const records = byControl(await t.process(containerAppId()));
    expect(records['containerapp-https-only']).toMatchObject({ outcome: 'fixed', verified: true });
    const after = t.sandbox.get(containerAppId());
    expect(ingressOf(after)).toEqual({ ...ingressOf(before), allowInsecure: false });
    for (const key of INGRESS_KEYS) expect(ingressOf(after)[key], key).toEqual(ingressOf(before)[key]);
    const rest = (app: JsonObject | undefined) => ({ ...app, properties: { ...(app?.properties as JsonObject), configuration: null, provisioningState: null } });
    expect(rest(after)).toEqual(rest(before));
    // The wire body: the change and the app's own location, which the update model requires.
    const patches = t.sandbox.calls.filter((c) => c.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(t.sandbox.writes).toEqual([{ id: containerAppId(), target: 'self', body: { properties: { configuration: { ingress: { allowInsecure: false } } } }, paths: ['properties.configuration.ingress.allowInsecure'] }]);
  });

  it('does not revert a concurrent change to another ingress field made between read and write', async () => {
    const t = sandboxEngine([resourceGroup(), containerApp({ allowInsecure: true })]);
    t.sandbox.faults.mutateBeforeWrite(containerAppId(), (app) => {
      ingressOf(app).targetPort = 8080;
    });
    await t.process(containerAppId());
    expect(ingressOf(t.sandbox.get(containerAppId()))).toMatchObject({ allowInsecure: false, targetPort: 8080 });
  });

  it('writes nothing to an app without ingress', async () => {
    const t = sandboxEngine([resourceGroup(), containerApp(null)]);
    const records = byControl(await t.process(containerAppId()));
    expect(records['containerapp-https-only']?.outcome).not.toBe('fixed');
    expect(t.sandbox.writes).toHaveLength(0);
  });

  it('refuses a PATCH without location (required by the ContainerApp model) and one that would move the app', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), containerApp({ allowInsecure: true })] });
    const change = { properties: { configuration: { ingress: { allowInsecure: false } } } };
    const missing = await patchRequest(sandbox, change);
    expect(missing.status).toBe(400);
    expect(missing.bodyAsText).toContain("requires 'location'");
    expect((await patchRequest(sandbox, { ...change, location: 'northeurope' })).status).toBe(400);
    expect(sandbox.writes).toHaveLength(0);
    // The same region in ARM's display spelling is the app's own.
    expect((await patchRequest(sandbox, { ...change, location: 'West Europe' })).status).toBe(202);
  });

  it('refuses an ingress property the update model does not have and an enum value outside it', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), containerApp({ allowInsecure: true })] });
    expect((await patchRequest(sandbox, { location: 'westeurope', properties: { configuration: { ingress: { allowInsecur: false } } } })).status).toBe(400);
    expect((await patchRequest(sandbox, { location: 'westeurope', properties: { configuration: { ingress: { transport: 'https' } } } })).status).toBe(400);
    expect((await patchRequest(sandbox, { location: 'westeurope', properties: { configuration: { ingress: { fqdn: 'x' } } } })).status).toBe(400);
  });

  it('answers the SDK update with 202 and the spec example\'s containerappOperationResults monitor', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), containerApp({ allowInsecure: true })] });
    const client = new ContainerAppsAPIClient(sandbox.credential, SUBSCRIPTION_ID, { httpClient: sandbox.httpClient, endpoint: sandbox.endpoint });
    const app = await client.containerApps.get('rg-transit-warden', 'ca-contoso');
    expect(app.configuration?.ingress?.allowInsecure).toBe(true);
    const done = await client.containerApps.update('rg-transit-warden', 'ca-contoso', { location: app.location, configuration: { ingress: { allowInsecure: false } } }, { updateIntervalInMs: 5 });
    expect(done.configuration?.ingress?.allowInsecure).toBe(false);
    const patch = sandbox.calls.find((c) => c.method === 'PATCH');
    expect(patch?.status).toBe(202);
    expect(sandbox.calls.some((c) => c.method === 'GET' && /\/providers\/Microsoft\.App\/locations\/westeurope\/containerappOperationResults\//.test(c.path))).toBe(true);
  });
});
