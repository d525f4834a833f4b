/** cdn-endpoint-https-only through @azure/arm-cdn and the emulator: reported by default, fixed only when enforced. */
import { describe, expect, it } from 'vitest';
import { resourceGroup } from '../../../test/fixtures/arm';
import { byControl, sandboxEngine } from '../../../test/helpers/sandbox-runtime';
import { cdnEndpoint, cdnEndpointId, cdnProfile } from './fixtures';

const estate = () => [resourceGroup(), cdnProfile(), cdnEndpoint()];

describe('cdn-endpoint-https-only through the SDK and the emulator', () => {
  it('reports an endpoint that serves HTTP by default and writes nothing (plain HTTP clients would break)', async () => {
    const t = sandboxEngine(estate());
    const records = byControl(await t.process(cdnEndpointId()));
    expect(records['cdn-endpoint-https-only']).toMatchObject({ outcome: 'noncompliant', mode: 'report', before: { properties: { isHttpAllowed: true } } });
    expect(t.sandbox.counts().writes).toBe(0);
  });

  it('when enforced, PATCHes isHttpAllowed false at 2023-05-01, follows the operationresults monitor, and leaves origins and HTTPS alone', async () => {
    const t = sandboxEngine(estate(), { config: { controlModes: { 'cdn-endpoint-https-only': 'enforce' } } });
    const records = byControl(await t.process(cdnEndpointId()));
    expect(records['cdn-endpoint-https-only']).toMatchObject({ outcome: 'fixed', verified: true, after: { properties: { isHttpAllowed: false } } });
    expect(t.sandbox.writes).toEqual([{ id: expect.stringMatching(/endpoints\/contoso-static$/i), target: 'self', body: { properties: { isHttpAllowed: false } }, paths: ['properties.isHttpAllowed'] }]);
    expect(t.sandbox.calls.find((c) => c.method === 'PATCH')).toMatchObject({ apiVersion: '2023-05-01', status: 202 });
    const polls = t.sandbox.calls.filter((c) => c.kind === 'poll');
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) expect(poll.path).toMatch(/\/providers\/Microsoft\.Cdn\/operationresults\/[0-9a-f-]+$/i);
    const before = cdnEndpoint().properties as Record<string, unknown>;
    expect(t.sandbox.get(cdnEndpointId())?.properties).toMatchObject({
      isHttpAllowed: false, isHttpsAllowed: true, origins: before.origins, originGroups: before.originGroups, optimizationType: 'DynamicSiteAcceleration', provisioningState: 'Succeeded',
    });
  });

  it('when enforced on an endpoint with HTTPS off, switches HTTPS on in the same PATCH so one protocol stays allowed', async () => {
    const t = sandboxEngine([resourceGroup(), cdnProfile(), cdnEndpoint({ isHttpsAllowed: false })], { config: { controlModes: { 'cdn-endpoint-https-only': 'enforce' } } });
    await t.process(cdnEndpointId());
    expect(t.sandbox.writes.map((w) => w.body)).toEqual([{ properties: { isHttpAllowed: false, isHttpsAllowed: true } }]);
  });
});
