/**
 * The Synapse TLS PATCH is long-running (x-ms-long-running-operation, 200 or 202) and no recording
 * shows its monitors, so on a 202 the adapter re-reads the setting (bounded) until it holds what was
 * sent. The emulator answers the synchronous 200; these cases make it answer 202.
 */
import type { HttpClient, PipelineRequest } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { ArmGateway } from '../../azure/gateway';
import { parseResourceId } from '../../core/resource-id';
import { ArmSandbox } from '../../sandbox/arm-sandbox';
import { resourceGroup } from '../../../test/fixtures/arm';
import { synapseTlsSettings, synapseWorkspace, synapseWorkspaceId } from './fixtures';
import { MINIMAL_TLS_TARGET } from './shared';

const patch = { properties: { minimalTlsVersion: '1.2' } };

function rig(client: (sandbox: ArmSandbox) => HttpClient): { sandbox: ArmSandbox; gateway: ArmGateway } {
  const sandbox = new ArmSandbox({ estate: [resourceGroup(), synapseWorkspace(), synapseTlsSettings({ minimalTlsVersion: '1.1' })] });
  const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: client(sandbox), endpoint: sandbox.endpoint, pollIntervalMs: 1 });
  return { sandbox, gateway };
}

describe('synapse adapter: a PATCH answered 202', () => {
  it('reads the setting back once when it already holds the change', async () => {
    const { sandbox, gateway } = rig((s) => ({
      async sendRequest(request) {
        const response = await s.httpClient.sendRequest(request);
        return request.method === 'PATCH' && response.status === 200 ? { ...response, status: 202, bodyAsText: '' } : response;
      },
    }));
    const result = await gateway.patch(parseResourceId(synapseWorkspaceId()), MINIMAL_TLS_TARGET, patch);
    expect(result.properties).toMatchObject(patch.properties);
    expect(sandbox.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['PATCH 200', 'GET 200']);
  });

  it('keeps reading while the operation is still in flight, then returns the applied setting', async () => {
    let pending: PipelineRequest | undefined;
    let reads = 0;
    const { sandbox, gateway } = rig((s) => ({
      async sendRequest(request) {
        if (request.method === 'PATCH') {
          pending = request;
          return { request, status: 202, headers: request.headers, bodyAsText: '' };
        }
        reads += 1;
        // The RP applies the change between the second and third read.
        if (reads === 3 && pending) await s.httpClient.sendRequest(pending);
        return s.httpClient.sendRequest(request);
      },
    }));
    const result = await gateway.patch(parseResourceId(synapseWorkspaceId()), MINIMAL_TLS_TARGET, patch);
    expect(result.properties).toMatchObject(patch.properties);
    expect(sandbox.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'GET 200', 'PATCH 200', 'GET 200']);
  });

  it('refuses to write the workspace itself', async () => {
    const { gateway } = rig((s) => s.httpClient);
    await expect(gateway.patch(parseResourceId(synapseWorkspaceId()), 'self', { properties: { publicNetworkAccess: 'Disabled' } })).rejects.toThrow(/never writes the Synapse workspace/);
  });
});
