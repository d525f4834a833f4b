import { describe, expect, it } from 'vitest';
import control from './apim-gateway-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { resourceGroup } from '../../../test/fixtures/arm';
import { sandboxEngine } from '../../../test/helpers/sandbox-runtime';
import { apimService, apimServiceId, sampleApimService, sampleApimServiceTls10Only } from './fixtures';
import type { JsonObject } from '../../controls/types';

const P = 'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.';
const TLS10 = `${P}Protocols.Tls10`;
const TLS11 = `${P}Protocols.Tls11`;
const SSL30 = `${P}Protocols.Ssl30`;
const BACKEND_TLS10 = `${P}Backend.Protocols.Tls10`;
const BACKEND_TLS11 = `${P}Backend.Protocols.Tls11`;
const BACKEND_SSL30 = `${P}Backend.Protocols.Ssl30`;
const HTTP2 = 'Microsoft.WindowsAzure.ApiManagement.Gateway.Protocols.Server.Http2';
const patchOf = (...settings: string[]) => ({ properties: { customProperties: Object.fromEntries(settings.map((s) => [s, 'false'])) } });

controlCases(control, {
  pass: [
    { name: 'every old protocol is "false", as in the ApiManagementService_Get example', document: sampleApimService() },
    { name: 'the settings say "False", as the ApiManagementService_Update example answers', document: apimService({ [TLS10]: 'False', [TLS11]: 'False', [BACKEND_SSL30]: 'FALSE' }) },
    { name: 'the settings are absent on a service created after 1 April 2018 (the spec\'s default is off)', document: apimService({ [TLS10]: undefined, [TLS11]: undefined, [SSL30]: undefined, [BACKEND_TLS10]: undefined, [BACKEND_TLS11]: undefined, [BACKEND_SSL30]: undefined }) },
  ],
  fail: [
    {
      name: 'only Tls10 is "False" on a service created in 2017, as in the ApiManagementService_Update example (absent means on)',
      document: sampleApimServiceTls10Only(),
      path: 'properties.customProperties',
      patch: patchOf(TLS11, SSL30, BACKEND_TLS10, BACKEND_TLS11, BACKEND_SSL30),
    },
    { name: 'TLS 1.0 is "true" on the gateway', document: apimService({ [TLS10]: 'true' }), patch: patchOf(TLS10) },
    { name: 'TLS 1.1 is "True" towards backends', document: apimService({ [BACKEND_TLS11]: 'True' }), patch: patchOf(BACKEND_TLS11) },
    { name: 'a setting holds something other than a boolean string', document: apimService({ [SSL30]: 'disabled' }), patch: patchOf(SSL30) },
    { name: 'settings are absent and the creation date is unknown', document: apimService({ [TLS11]: undefined }, { createdAtUtc: 'not a date' }), patch: patchOf(TLS11) },
  ],
  notApplicable: [
    { name: 'the service is in the Consumption tier, which has no protocol settings', document: apimService({ [TLS10]: 'true' }, { sku: 'Consumption' }) },
  ],
});

describe('apim-gateway-tls end to end (enforce opted in), through @azure/arm-apimanagement and the emulator', () => {
  const enforce = { config: { controlModes: { 'apim-gateway-tls': 'enforce' as const } } };

  it('reports by default: the fix would change the whole gateway, so it is only proposed', async () => {
    const t = sandboxEngine([resourceGroup(), apimService({ [TLS10]: 'true' })]);
    const [record] = await t.process(apimServiceId());
    expect(record).toMatchObject({ control: 'apim-gateway-tls', outcome: 'noncompliant', mode: 'report' });
    expect(t.sandbox.writes).toEqual([]);
  });

  it('sends the whole customProperties map as read, so HTTP/2, ciphers and other keys keep their values, and waits for the operation', async () => {
    const service = apimService({ [TLS10]: 'true', [BACKEND_TLS11]: 'True', [HTTP2]: 'true' });
    const before = structuredClone((service.properties as JsonObject).customProperties as JsonObject);
    const t = sandboxEngine([resourceGroup(), service], enforce);
    const [record] = await t.process(apimServiceId());

    expect(record).toMatchObject({ control: 'apim-gateway-tls', outcome: 'fixed', verified: true, after: patchOf(TLS10, BACKEND_TLS11) });
    expect(record.before).toEqual({ properties: { customProperties: { [TLS10]: 'true', [BACKEND_TLS11]: 'True' } } });
    const expected = { ...before, [TLS10]: 'false', [BACKEND_TLS11]: 'false' };
    expect(t.sandbox.writes.map((w) => w.body)).toEqual([{ properties: { customProperties: expected } }]);
    const stored = t.sandbox.get(apimServiceId());
    expect((stored?.properties as JsonObject).customProperties).toEqual(expected);
    // ApiManagementService_Update is long-running: its monitor under the service was polled.
    expect(t.sandbox.calls.filter((c) => c.kind === 'poll').map((c) => c.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/providers\/Microsoft\.ApiManagement\/service\/apim-contoso\/operationresults\/[0-9a-f-]+$/)]),
    );
  });

  it('keeps a key another actor set after the engine read it: the map is read again just before the write', async () => {
    const t = sandboxEngine([resourceGroup(), apimService({ [TLS10]: 'true' })], enforce);
    // The concurrent change lands between the engine's read and the adapter's own read.
    let reads = 0;
    const original = t.sandbox.httpClient.sendRequest.bind(t.sandbox.httpClient);
    t.sandbox.httpClient.sendRequest = async (request) => {
      const response = await original(request);
      if (request.method === 'GET' && new URL(request.url).pathname.toLowerCase() === apimServiceId().toLowerCase() && ++reads === 1) {
        const stored = t.sandbox.get(apimServiceId());
        if (stored) {
          ((stored.properties as JsonObject).customProperties as JsonObject)[HTTP2] = 'true';
          t.sandbox.set(stored);
        }
      }
      return response;
    };
    const [record] = await t.process(apimServiceId());
    expect(record).toMatchObject({ outcome: 'fixed', verified: true });
    expect((t.sandbox.get(apimServiceId())?.properties as JsonObject).customProperties).toMatchObject({ [TLS10]: 'false', [HTTP2]: 'true' });
  });

  it('the emulator resets the keys a PATCH omits, as the spec says the service does', async () => {
    const t = sandboxEngine([resourceGroup(), apimService({ [HTTP2]: 'true' })]);
    const { ApiManagementClient } = await import('@azure/arm-apimanagement');
    const client = new ApiManagementClient(t.sandbox.credential, apimServiceId().split('/')[2], { endpoint: t.sandbox.endpoint, httpClient: t.sandbox.httpClient });
    await client.apiManagementService.beginUpdateAndWait('rg-transit-warden', 'apim-contoso', { customProperties: { [TLS10]: 'false' } }, { updateIntervalInMs: 1 });
    expect((t.sandbox.get(apimServiceId())?.properties as JsonObject).customProperties).toEqual({ [TLS10]: 'false' });
  });
});
