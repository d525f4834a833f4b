/**
 * The sandbox holds Application Gateway writes to the 2025-01-01 spec as the facts state it: the only
 * PATCH (ApplicationGateways_UpdateTags) carries tags, and no PUT is emulated, so nothing could move
 * the SSL policy through it unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { ArmSandbox } from '../../sandbox/arm-sandbox';
import type { ArmObject, JsonObject } from '../../controls/types';
import { resourceGroup } from '../../../test/fixtures/arm';
import { applicationGateway, applicationGatewayId } from './fixtures';

const API = '2025-01-01';

async function send(sandbox: ArmSandbox, method: string, body?: JsonObject, apiVersion = API): Promise<{ status: number; body: JsonObject | undefined }> {
  const { createHttpHeaders, createPipelineRequest } = await import('@azure/core-rest-pipeline');
  const token = await sandbox.credential.getToken('https://management.azure.com/.default');
  const request = createPipelineRequest({
    url: `${sandbox.endpoint}${applicationGatewayId()}?api-version=${apiVersion}`,
    method: method as 'GET',
    headers: createHttpHeaders({ authorization: `Bearer ${token?.token ?? ''}`, 'content-type': 'application/json' }),
    body: body ? JSON.stringify(body) : undefined,
  });
  const response = await sandbox.httpClient.sendRequest(request);
  return { status: response.status, body: response.bodyAsText ? (JSON.parse(response.bodyAsText) as JsonObject) : undefined };
}

const drifted = (): ArmObject => applicationGateway({ sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20150501' } });

describe('the emulator holds Application Gateway writes to the 2025-01-01 spec', () => {
  it('serves the gateway at the read api-version', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), drifted()] });
    const reply = await send(sandbox, 'GET');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ type: 'Microsoft.Network/applicationGateways', properties: { sslPolicy: { policyName: 'AppGwSslPolicy20150501' } } });
  });

  it('refuses a PATCH of the SSL policy, which TagsObject does not have', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), drifted()] });
    const reply = await send(sandbox, 'PATCH', { properties: { sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' } } });
    expect(reply.status).toBe(400);
    expect(sandbox.writes).toEqual([]);
  });

  it('accepts a PATCH of tags, as ApplicationGateways_UpdateTags does', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), drifted()] });
    const reply = await send(sandbox, 'PATCH', { tags: { owner: 'network' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ tags: { owner: 'network' }, properties: { sslPolicy: { policyName: 'AppGwSslPolicy20150501' } } });
  });

  it('refuses a PUT of the gateway: transit-warden never sends one', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), drifted()] });
    const read = (await send(sandbox, 'GET')).body as ArmObject;
    const reply = await send(sandbox, 'PUT', { ...read, properties: { ...(read.properties as JsonObject), sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' } } });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(sandbox.writes).toEqual([]);
  });

  it('refuses an api-version the spec has no folder for', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), drifted()] });
    expect((await send(sandbox, 'GET', undefined, '2019-01-01')).status).toBe(400);
  });
});
