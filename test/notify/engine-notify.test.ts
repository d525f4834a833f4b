import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { ArmGateway } from '../../src/azure/gateway';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { createEngine } from '../../src/engine/engine';
import { createLogger } from '../../src/logger';
import { EventGridNotifier, OUTCOME_EVENT_TYPES } from '../../src/notify';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { addStandardRoutes } from '../../src/sandbox/standard-routes';
import { SUBSCRIPTION_ID, resourceGroup, storageAccount, storageAccountId } from '../fixtures/arm';
import { SANDBOX_RETRY, fixedClock } from '../helpers/sandbox-runtime';
import { TOPIC_ENDPOINT, fakeCredential, startLoopbackTopic, type LoopbackTopic } from './loopback-topic';

let topic: LoopbackTopic;
beforeEach(async () => {
  topic = await startLoopbackTopic();
});
afterEach(async () => {
  await topic.close();
});

/** As test/helpers/sandbox-runtime.ts builds it, plus a notifier pointed at the loopback topic. */
function engineWithNotifier() {
  const sandbox = new ArmSandbox({ estate: [resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })] });
  addStandardRoutes(sandbox);
  const audit = new MemoryAuditStore();
  const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 5, retryOptions: SANDBOX_RETRY });
  const config: WardenConfig = { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID] };
  const credential = fakeCredential();
  const notifier = new EventGridNotifier({
    endpoint: TOPIC_ENDPOINT,
    credential,
    publisherOptions: { httpClient: topic.httpClient, retryOptions: { maxRetries: 0 } },
  });
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'warn',
    destination: new Writable({ write(chunk: Buffer, _enc, done) { logLines.push(chunk.toString()); done(); } }),
  });
  const engine = createEngine({ ports: { reader: gateway, writer: gateway, audit, clock: fixedClock(), notifier }, config, logger });
  const process = () => engine.process({ resourceId: storageAccountId(), trigger: 'sweep', occurrence: 'run-1', eventId: null, correlationId: null, actor: null });
  return { sandbox, audit, process, credential, logLines };
}

describe('the engine publishing outcomes to Event Grid', () => {
  it('fixes a storage account on TLS 1.0 in enforce mode and publishes exactly one Fixed CloudEvent for it', async () => {
    const t = engineWithNotifier();
    const records = await t.process();

    const fix = records.find((r) => r.outcome === 'fixed');
    expect(fix).toMatchObject({ control: 'storage-min-tls', verified: true });
    expect(records.filter((r) => r.outcome !== 'fixed').map((r) => r.outcome)).toEqual(['compliant']);
    expect(topic.requests).toHaveLength(1);
    expect(topic.events()).toEqual([
      expect.objectContaining({
        specversion: '1.0',
        type: OUTCOME_EVENT_TYPES.fixed,
        source: '/transit-warden',
        subject: storageAccountId(),
        id: fix?.id,
        data: expect.objectContaining({
          recordId: fix?.id,
          control: 'storage-min-tls',
          outcome: 'fixed',
          before: { properties: { minimumTlsVersion: 'TLS1_0' } },
          after: { properties: { minimumTlsVersion: 'TLS1_2' } },
          verified: true,
        }),
      }),
    ]);
    expect(topic.requests[0].body).not.toContain(t.credential.token);
  });

  it('still writes the records when the topic answers 500, and logs the failed publish', async () => {
    topic.reply(() => ({ status: 500, body: JSON.stringify({ error: { code: 'InternalServerError', message: 'topic unavailable' } }) }));
    const t = engineWithNotifier();
    const records = await t.process();

    expect(records.map((r) => r.outcome).sort()).toEqual(['compliant', 'fixed']);
    for (const record of records) expect(await t.audit.has(record.id)).toBe(true);
    expect(t.sandbox.get(storageAccountId())?.properties).toMatchObject({ minimumTlsVersion: 'TLS1_2' });
    expect(topic.requests).toHaveLength(1);
    expect(t.logLines.join('')).toContain('could not publish outcome notifications');
  });
});
