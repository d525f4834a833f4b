import { MySQLManagementFlexibleServerClient } from '@azure/arm-mysql-flexible';
import { describe, expect, it } from 'vitest';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { ArmSandbox, SANDBOX_TOKEN } from '../../../src/sandbox/arm-sandbox';
import { KINDS } from '../../../src/sandbox/kinds';
import { serverRestartRoute } from '../../../src/sandbox/server-restart-route';
import { resourceGroup, SUBSCRIPTION_ID } from '../../fixtures/arm';
import { mysqlFlexibleServer, mysqlFlexibleServerId, postgresqlFlexibleServer, postgresqlFlexibleServerId, redisEnterpriseDatabase } from '../../fixtures/arm-databases-messaging';

function sandboxWith(estate = [resourceGroup(), mysqlFlexibleServer()]) {
  const sandbox = new ArmSandbox({ estate });
  const restart = serverRestartRoute();
  sandbox.addRoute(restart.route);
  const client = new MySQLManagementFlexibleServerClient(sandbox.credential, SUBSCRIPTION_ID, { httpClient: sandbox.httpClient, endpoint: sandbox.endpoint });
  return { sandbox, restarts: restart.restarts, client };
}

describe('sandbox kinds of the databases, messaging and Redis Enterprise', () => {
  it('gives every flexible server its transport parameters at Azure\'s defaults when the estate omits them', () => {
    const { sandbox } = sandboxWith([resourceGroup(), mysqlFlexibleServer(), postgresqlFlexibleServer()]);
    expect(sandbox.get(`${mysqlFlexibleServerId()}/configurations/tls_version`)?.properties).toMatchObject({ value: 'TLSv1.2', isDynamicConfig: 'False' });
    expect(sandbox.get(`${mysqlFlexibleServerId()}/configurations/require_secure_transport`)?.properties).toMatchObject({ value: 'ON' });
    expect(sandbox.get(`${postgresqlFlexibleServerId()}/configurations/ssl_min_protocol_version`)?.properties).toMatchObject({ value: 'TLSv1.2', isDynamicConfig: true });
  });

  it('marks a static parameter pending a restart after a PATCH, as the RP does, and leaves a dynamic one live', async () => {
    const { sandbox } = sandboxWith();
    const patch = (name: string, value: string) => sandbox.httpClient.sendRequest(createPipelineRequest({
      url: `${sandbox.endpoint}${mysqlFlexibleServerId()}/configurations/${name}?api-version=2021-05-01`,
      method: 'PATCH',
      headers: createHttpHeaders({ authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json' }),
      body: JSON.stringify({ properties: { value, source: 'user-override' } }),
    }));
    expect((await patch('tls_version', 'TLSv1.2,TLSv1.3')).status).toBe(202);
    expect(sandbox.get(`${mysqlFlexibleServerId()}/configurations/tls_version`)?.properties).toMatchObject({ value: 'TLSv1.2,TLSv1.3', isConfigPendingRestart: 'True' });
    expect((await patch('require_secure_transport', 'OFF')).status).toBe(202);
    expect(sandbox.get(`${mysqlFlexibleServerId()}/configurations/require_secure_transport`)?.properties).toMatchObject({ value: 'OFF', isConfigPendingRestart: 'False' });
  });

  it('refuses a parameter PATCH that writes a read-only property such as isConfigPendingRestart', async () => {
    const { sandbox } = sandboxWith();
    const request = createPipelineRequest({
      url: `${sandbox.endpoint}${mysqlFlexibleServerId()}/configurations/tls_version?api-version=2021-05-01`,
      method: 'PATCH',
      headers: createHttpHeaders({ authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json' }),
      body: JSON.stringify({ properties: { value: 'TLSv1.2', isConfigPendingRestart: 'False' } }),
    });
    const response = await sandbox.httpClient.sendRequest(request);
    expect(response.status).toBe(400);
    expect(response.bodyAsText).toContain('properties.isConfigPendingRestart');
    expect(sandbox.writes).toHaveLength(0);
  });

  it('refuses a Redis Enterprise database whose cluster is not in the estate', () => {
    expect(() => new ArmSandbox({ estate: [resourceGroup(), redisEnterpriseDatabase()] })).toThrow(/parent resource/);
  });

  describe('the flexible-server restart route', () => {
    it('restarts through a 202 and an Azure-AsyncOperation monitor, and records the restart', async () => {
      const { sandbox, restarts, client } = sandboxWith();
      await client.servers.beginRestartAndWait('rg-transit-warden', 'mysql-contoso', {}, { updateIntervalInMs: 1 });
      expect(restarts.map((r) => r.id)).toEqual([mysqlFlexibleServerId()]);
      expect(sandbox.calls.map((c) => [c.method, c.kind, c.status])).toEqual([['POST', 'write', 202], ['GET', 'poll', 200], ['GET', 'poll', 200]]);
    });

    it('answers 404 ResourceNotFound for a server that does not exist', async () => {
      const { restarts, client } = sandboxWith();
      await expect(client.servers.beginRestartAndWait('rg-transit-warden', 'mysql-missing', {}, { updateIntervalInMs: 1 })).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
      expect(restarts).toHaveLength(0);
    });

    it('answers 400 for an api-version the RP does not serve', async () => {
      const { sandbox } = sandboxWith();
      const old = new MySQLManagementFlexibleServerClient(sandbox.credential, SUBSCRIPTION_ID, { httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, apiVersion: '2017-12-01' });
      await expect(old.servers.beginRestartAndWait('rg-transit-warden', 'mysql-contoso', {}, { updateIntervalInMs: 1 })).rejects.toMatchObject({ statusCode: 400, code: 'NoRegisteredProviderFound' });
    });

    it('marks parameters pending a restart as applied once the restart ends', async () => {
      const { sandbox, client } = sandboxWith();
      const id = `${mysqlFlexibleServerId()}/configurations/tls_version`;
      const pending = sandbox.get(id);
      (pending?.properties as { isConfigPendingRestart: string }).isConfigPendingRestart = 'True';
      if (pending) sandbox.set(pending);
      await client.servers.beginRestartAndWait('rg-transit-warden', 'mysql-contoso', {}, { updateIntervalInMs: 1 });
      expect(sandbox.get(id)?.properties).toMatchObject({ isConfigPendingRestart: 'False' });
    });
  });
});
