/**
 * Writes ARM may accept with 202 (or 201) and no resource in the answer, while the SDK does not
 * poll: App Service WebApps_Update (long-running in the REST spec, not in @azure/arm-appservice 19)
 * and Event Hubs Namespaces_Update. The gateway must then read the resource back, not fail a fix
 * that landed, and never trust an earlier body.
 */
import type { HttpClient } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { ArmGateway } from '../../src/azure/gateway';
import { parseResourceId } from '../../src/core/resource-id';
import type { ControlTarget, JsonObject } from '../../src/controls/types';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { resourceGroup, siteId, webApp } from '../fixtures/arm';
import { eventHubNamespace, eventHubNamespaceId } from '../fixtures/arm-databases-messaging';

/** The sandbox applies the PATCH; the client sees ARM's bare "accepted". */
function acceptingWithoutBody(sandbox: ArmSandbox): HttpClient {
  return {
    async sendRequest(request) {
      const response = await sandbox.httpClient.sendRequest(request);
      return request.method === 'PATCH' && response.status === 200 ? { ...response, status: 202, bodyAsText: '' } : response;
    },
  };
}

describe.each([
  ['an App Service site', () => webApp({ httpsOnly: false }), siteId(), 'self', { properties: { httpsOnly: true } }],
  ['an App Service config/web', () => webApp({}, { minTlsVersion: '1.0' }), siteId(), 'config/web', { properties: { minTlsVersion: '1.2' } }],
  ['an Event Hubs namespace', () => [eventHubNamespace({ minimumTlsVersion: '1.0' })], eventHubNamespaceId(), 'self', { properties: { minimumTlsVersion: '1.2' } }],
] as const)('a PATCH of %s answered 202 without a body', (_, estate, resourceId, target, patch) => {
  it('is read back, so the fix is seen as written', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), ...estate()] });
    const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: acceptingWithoutBody(sandbox), endpoint: sandbox.endpoint, pollIntervalMs: 1 });
    const result = await gateway.patch(parseResourceId(resourceId), target as ControlTarget, patch as JsonObject);
    expect(result.properties).toMatchObject(patch.properties);
    const calls = sandbox.calls.map((c) => `${c.method} ${c.status}`);
    expect(calls).toEqual(['PATCH 200', 'GET 200']);
  });
});
