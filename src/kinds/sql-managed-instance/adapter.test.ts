import { describe, expect, it } from 'vitest';
import type { HttpClient, PipelineResponse } from '@azure/core-rest-pipeline';
import type { ArmObject, JsonObject } from '../../controls/types';
import { MemoryAuditStore } from '../../audit/memory-store';
import { ArmGateway } from '../../azure/gateway';
import { DEFAULT_CONFIG } from '../../config';
import { createEngine } from '../../engine/engine';
import { ArmSandbox } from '../../sandbox/arm-sandbox';
import { resourceGroup, SUBSCRIPTION_ID } from '../../../test/fixtures/arm';
import { fixedClock, SANDBOX_RETRY } from '../../../test/helpers/sandbox-runtime';
import { SQL_MANAGED_INSTANCE_API_VERSION } from './adapter';
import { managedInstance, managedInstanceId } from './fixtures';

/** The instance's body with minimalTlsVersion set back to `value`, as Azure shows it while the update still runs. */
function showing(response: PipelineResponse, value: string): PipelineResponse {
  const body = JSON.parse(response.bodyAsText ?? '{}') as ArmObject & { properties: JsonObject };
  body.properties.minimalTlsVersion = value;
  body.properties.provisioningState = 'Updating';
  return { ...response, status: 200, bodyAsText: JSON.stringify(body) };
}

/**
 * ManagedInstances_Update runs for minutes after ARM answers: a client that lets `staleReads` GETs of
 * the instance after the PATCH still show the old value, and (with `answer200`) turns the PATCH's 202
 * into a 200 whose body shows the old value too, as the RP's PUT does in the azure-cli recording.
 */
function laggingUpdate(sandbox: ArmSandbox, staleReads: number, answer200: boolean): HttpClient {
  let patched = false;
  let left = staleReads;
  return {
    async sendRequest(request) {
      const response = await sandbox.httpClient.sendRequest(request);
      const isInstance = new URL(request.url).pathname.toLowerCase() === managedInstanceId().toLowerCase();
      if (request.method === 'PATCH') {
        patched = true;
        if (answer200) {
          // The stored instance (not a GET, which the test counts), as the 200's body.
          return showing({ ...response, bodyAsText: JSON.stringify(sandbox.get(managedInstanceId())) }, '1.0');
        }
      } else if (patched && isInstance && left > 0) {
        left -= 1;
        return showing(response, '1.0');
      }
      return response;
    },
  };
}

async function fixThroughLaggingUpdate(staleReads: number, answer200: boolean) {
  const sandbox = new ArmSandbox({ estate: [resourceGroup(), managedInstance({ minimalTlsVersion: '1.0' })] });
  const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: laggingUpdate(sandbox, staleReads, answer200), endpoint: sandbox.endpoint, pollIntervalMs: 1, retryOptions: SANDBOX_RETRY });
  const engine = createEngine({
    ports: { reader: gateway, writer: gateway, audit: new MemoryAuditStore(), clock: fixedClock() },
    config: { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID] },
  });
  const [record] = await engine.process({ resourceId: managedInstanceId(), trigger: 'sweep', occurrence: 'run-1', eventId: null, correlationId: null, actor: null });
  const calls = sandbox.calls.map((c) => `${c.method} ${c.path}`);
  const afterPatch = calls.slice(calls.findIndex((c) => c.startsWith('PATCH')) + 1);
  return { sandbox, record, calls, readsAfterPatch: afterPatch.filter((c) => c.toLowerCase() === `get ${managedInstanceId()}`.toLowerCase()) };
}

describe('sql-managed-instance adapter', () => {
  it('PATCHes at the facts\' api-version, never polls the operation monitor (no custom role can be granted it), and waits for the instance to show the value', async () => {
    const { sandbox, record, calls, readsAfterPatch } = await fixThroughLaggingUpdate(2, false);

    expect(record).toMatchObject({ control: 'sqlmi-min-tls', outcome: 'fixed', verified: true, after: { properties: { minimalTlsVersion: '1.2' } } });
    expect(calls.filter((c) => /managedInstanceAzureAsyncOperation|managedInstanceOperationResults/i.test(c))).toEqual([]);
    const patch = sandbox.calls.find((c) => c.method === 'PATCH');
    expect(patch?.apiVersion).toBe(SQL_MANAGED_INSTANCE_API_VERSION);
    expect(patch?.status).toBe(202);
    // The two stale reads, then the one that shows the value.
    expect(readsAfterPatch).toHaveLength(3);
    expect(sandbox.get(managedInstanceId())?.properties).toMatchObject({ minimalTlsVersion: '1.2', state: 'Ready' });
  });

  it('keeps waiting when the PATCH answers 200 with the instance still showing the old value (provisioningState Updating)', async () => {
    const { record, readsAfterPatch } = await fixThroughLaggingUpdate(1, true);

    expect(record).toMatchObject({ control: 'sqlmi-min-tls', outcome: 'fixed', verified: true, after: { properties: { minimalTlsVersion: '1.2' } } });
    // Not verified off the 200's stale body: one stale read, then the read that shows the value.
    expect(readsAfterPatch).toHaveLength(2);
  });
});
