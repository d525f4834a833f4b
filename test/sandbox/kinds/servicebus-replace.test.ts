import { describe, expect, it } from 'vitest';
import { ArmSandbox } from '../../../src/sandbox/arm-sandbox';
import type { ArmObject, JsonObject } from '../../../src/controls/types';
import { resourceGroup } from '../../fixtures/arm';
import { serviceBusNamespace, serviceBusNamespaceId } from '../../fixtures/arm-databases-messaging';

const API = '2024-01-01';

async function send(sandbox: ArmSandbox, method: string, body?: JsonObject, headers: Record<string, string> = {}): Promise<{ status: number; body: JsonObject | undefined }> {
  const response = await fetchThrough(sandbox, method, `${serviceBusNamespaceId()}?api-version=${API}`, body, headers);
  return response;
}

async function fetchThrough(sandbox: ArmSandbox, method: string, path: string, body: JsonObject | undefined, headers: Record<string, string>): Promise<{ status: number; body: JsonObject | undefined }> {
  const { createHttpHeaders, createPipelineRequest } = await import('@azure/core-rest-pipeline');
  const token = await sandbox.credential.getToken('https://management.azure.com/.default');
  const request = createPipelineRequest({
    url: `${sandbox.endpoint}${path}`,
    method: method as 'GET',
    headers: createHttpHeaders({ authorization: `Bearer ${token?.token ?? ''}`, 'content-type': 'application/json', ...headers }),
    body: body ? JSON.stringify(body) : undefined,
  });
  const response = await sandbox.httpClient.sendRequest(request);
  return { status: response.status, body: response.bodyAsText ? (JSON.parse(response.bodyAsText) as JsonObject) : undefined };
}

function withProperties(namespace: ArmObject, properties: JsonObject): JsonObject {
  return { ...namespace, properties: { ...(namespace.properties as JsonObject), ...properties } };
}

describe('the emulator holds Service Bus writes to the 2024-01-01 spec', () => {
  it('refuses a PATCH of minimumTlsVersion, which SBNamespaceUpdateProperties does not have', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), serviceBusNamespace({ minimumTlsVersion: '1.0' })] });
    const reply = await send(sandbox, 'PATCH', { properties: { minimumTlsVersion: '1.2' } });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('properties.minimumTlsVersion');
    expect(sandbox.writes).toEqual([]);
  });

  it('accepts a PUT of the namespace as read with only minimumTlsVersion changed, and records only that change', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), serviceBusNamespace({ minimumTlsVersion: '1.0' })] });
    const read = await send(sandbox, 'GET');
    const reply = await send(sandbox, 'PUT', withProperties(read.body as ArmObject, { minimumTlsVersion: '1.2' }));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ properties: { minimumTlsVersion: '1.2', serviceBusEndpoint: (read.body?.properties as JsonObject).serviceBusEndpoint } });
    expect(sandbox.writes.map((w) => w.paths)).toEqual([['properties.minimumTlsVersion']]);
  });

  it('refuses a PUT that leaves out a property, which a PUT would reset', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), serviceBusNamespace({ minimumTlsVersion: '1.0' })] });
    const read = (await send(sandbox, 'GET')).body as ArmObject;
    const { sku: _sku, ...withoutSku } = read;
    const reply = await send(sandbox, 'PUT', withProperties(withoutSku, { minimumTlsVersion: '1.2' }));
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain("leaves out 'sku");
  });

  it('refuses a PUT of "1.3", which TlsVersion at 2024-01-01 does not list, and of a create-only property', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), serviceBusNamespace({ minimumTlsVersion: '1.0', zoneRedundant: false })] });
    const read = (await send(sandbox, 'GET')).body as ArmObject;
    expect((await send(sandbox, 'PUT', withProperties(read, { minimumTlsVersion: '1.3' }))).status).toBe(400);
    expect((await send(sandbox, 'PUT', withProperties(read, { zoneRedundant: true }))).status).toBe(400);
    expect(sandbox.writes).toEqual([]);
  });

  it('refuses a PUT whose If-Match names another ETag', async () => {
    const namespace = { ...serviceBusNamespace({ minimumTlsVersion: '1.0' }), etag: '"1"' };
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), namespace] });
    const read = (await send(sandbox, 'GET')).body as ArmObject;
    expect((await send(sandbox, 'PUT', withProperties(read, { minimumTlsVersion: '1.2' }), { 'if-match': '"0"' })).status).toBe(412);
    expect((await send(sandbox, 'PUT', withProperties(read, { minimumTlsVersion: '1.2' }), { 'if-match': '"1"' })).status).toBe(200);
  });
});
