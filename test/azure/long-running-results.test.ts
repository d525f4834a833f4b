/**
 * How the gateway ends a long-running PATCH. Two answers ARM can give that must not turn into a
 * verified fix on the wrong evidence: an operation ARM reports as Failed (the SDK's poller throws a
 * plain Error after a 200 status poll), and a monitor that ends without a body after a PATCH that
 * answered with the resource as it was before the operation.
 */
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { ArmGateway } from '../../src/azure/gateway';
import { parseResourceId } from '../../src/core/resource-id';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const ARM = 'https://arm.test';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };

function reply(request: PipelineRequest, status: number, body: string, headers: Record<string, string> = {}): PipelineResponse {
  return { request, status, headers: createHttpHeaders({ 'content-type': 'application/json', ...headers }), bodyAsText: body };
}

function gatewayOver(answer: (request: PipelineRequest) => PipelineResponse): { gateway: ArmGateway; calls: string[] } {
  const calls: string[] = [];
  const httpClient: HttpClient = {
    sendRequest: async (request) => {
      calls.push(`${request.method} ${new URL(request.url).pathname.split('/').slice(-2).join('/')}`);
      return answer(request);
    },
  };
  return { gateway: new ArmGateway({ credential, httpClient, endpoint: ARM, pollIntervalMs: 1 }), calls };
}

describe('long-running PATCH results', () => {
  it('fails the write when ARM reports the operation Failed, even though the resource shows the value', async () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-1`;
    const account = (state: string) => JSON.stringify({
      id, name: 'cosmos-1', type: 'Microsoft.DocumentDB/databaseAccounts', location: 'westus', kind: 'GlobalDocumentDB',
      properties: { minimalTlsVersion: 'Tls12', provisioningState: state, databaseAccountOfferType: 'Standard', locations: [] },
    });
    const { gateway } = gatewayOver((request) => {
      if (request.method === 'PATCH') {
        return reply(request, 200, account('Updating'), { 'azure-asyncoperation': `${ARM}/subscriptions/${SUB}/providers/Microsoft.DocumentDB/locations/westus/operationsStatus/op-1?api-version=2025-10-15` });
      }
      if (request.url.includes('/operationsStatus/')) return reply(request, 200, JSON.stringify({ status: 'Failed', error: { code: 'BadRequest', message: 'update rejected, rolled back' } }));
      return reply(request, 200, account('Failed'));
    });
    await expect(gateway.patch(parseResourceId(id), 'self', { properties: { minimalTlsVersion: 'Tls12' } }))
      .rejects.toMatchObject({ code: 'ARM_REQUEST_FAILED', message: expect.stringMatching(/long-running operation has failed.*rolled back/) });
  });

  it('reads the resource back when the monitor ends without a body, rather than trusting the PATCH answer', async () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache-1`;
    const cache = (nonSsl: boolean, state: string) => JSON.stringify({ id, name: 'cache-1', type: 'Microsoft.Cache/Redis', location: 'westus', properties: { enableNonSslPort: nonSsl, provisioningState: state } });
    const { gateway, calls } = gatewayOver((request) => {
      // The PATCH answers with the cache as it still is; the operation runs behind a Location monitor.
      if (request.method === 'PATCH') return reply(request, 202, cache(true, 'Updating'), { location: `${ARM}/subscriptions/${SUB}/providers/Microsoft.Cache/locations/westus/operationResults/op-1`, 'retry-after': '0' });
      if (request.url.includes('/operationResults/')) return reply(request, 200, '');
      return reply(request, 200, cache(false, 'Succeeded'));
    });
    const result = await gateway.patch(parseResourceId(id), 'self', { properties: { enableNonSslPort: false } });
    expect(result.properties).toMatchObject({ enableNonSslPort: false, provisioningState: 'Succeeded' });
    expect(calls).toEqual(['PATCH redis/cache-1', 'GET operationResults/op-1', 'GET redis/cache-1']);
  });
});
