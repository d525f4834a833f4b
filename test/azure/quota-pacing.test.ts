/**
 * Bursts through the real SDK clients against a sandbox that enforces Azure's quotas (scaled in
 * time so the test takes about a second): the product paces itself on the headers, so nothing
 * fails and (almost) nothing is throttled. Each paced case has an unpaced twin that shows the same
 * burst does earn 429s, so a pacer that stopped working would fail the paced assertions.
 */
import { describe, expect, it } from 'vitest';
import { ArmPacer } from '../../src/azure/arm-pacing';
import { ArmGateway } from '../../src/azure/gateway';
import { ListSource } from '../../src/azure/list-source';
import { ResourceGraphSource } from '../../src/azure/resource-graph';
import { parseResourceId } from '../../src/core/resource-id';
import { defineControl, fail, pass, type ArmObject, type ControlDefinition } from '../../src/controls/types';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { addStandardRoutes } from '../../src/sandbox/standard-routes';
import { SUBSCRIPTION_ID, storageAccount, storageAccountId } from '../fixtures/arm';

const ACCOUNTS = 40;
const names = Array.from({ length: ACCOUNTS }, (_, i) => `stquota${String(i).padStart(3, '0')}`);

const doc = { why: 'test', fix: 'test', sideEffects: 'none', exemptWhen: 'never' };
const CATALOG: ControlDefinition[] = [
  defineControl({
    id: 'test-storage-https', title: 't', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [], resourceTypes: ['Microsoft.Storage/storageAccounts'], target: 'self', permissions: [],
    defaultMode: 'report', doc, evaluate: (sa) => ((sa.properties as { supportsHttpsTrafficOnly?: boolean })?.supportsHttpsTrafficOnly ? pass() : fail('properties.supportsHttpsTrafficOnly', null, true)),
  }),
];

function quotaSandbox(timeScale: number): ArmSandbox {
  const sandbox = new ArmSandbox({ estate: names.map((name) => storageAccount({}, { name })), quotas: { timeScale }, recordCalls: false });
  addStandardRoutes(sandbox);
  return sandbox;
}

async function drain(rows: AsyncIterable<ArmObject>): Promise<ArmObject[]> {
  const out: ArmObject[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** Runs `count` calls with at most `concurrency` at once; returns how many failed. */
async function burst(count: number, concurrency: number, call: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next;
      next += 1;
      try {
        await call(i);
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return failed;
}

function gateway(sandbox: ArmSandbox, pacer: ArmPacer): ArmGateway {
  return new ArmGateway({
    credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 1, pacer,
    retryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 100 },
  });
}

describe('quota pacing against the quota-enforcing sandbox', () => {
  it('a burst of Resource Graph queries (one page per account) completes without a single 429', async () => {
    // 40 queries at Graph's 15 per 5 s: three windows. timeScale 50 makes a window 100 ms.
    const sandbox = quotaSandbox(50);
    const waits: number[] = [];
    const graph = new ResourceGraphSource({
      credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog: CATALOG, pageSize: 1,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    const rows = await drain(graph.rows());
    expect(rows).toHaveLength(ACCOUNTS);
    expect(sandbox.quotas?.counts().graph).toEqual({ requests: ACCOUNTS, throttled: 0 });
    // It waited once per exhausted window, for at most a window.
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...waits)).toBeLessThanOrEqual(100);
    // Graph never drew on ARM's read bucket.
    expect(sandbox.quotas?.counts().reads.requests).toBe(0);
  });

  it('the same Graph burst sent without waiting earns 429s (the quota bites)', async () => {
    const sandbox = quotaSandbox(50);
    const graph = new ResourceGraphSource({
      credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog: CATALOG, pageSize: 1,
      // Never waits: neither before a query on an exhausted quota nor on a 429.
      sleep: async () => undefined, maxThrottleRetries: 1000,
    });
    expect(await drain(graph.rows())).toHaveLength(ACCOUNTS);
    expect(sandbox.quotas?.counts().graph.throttled).toBeGreaterThan(0);
  });

  it('a burst of ARM reads and writes through the gateway completes with no failures and at most a few 429s', async () => {
    // 700 reads (bucket 250) and 260 writes (bucket 200), 24 at a time. timeScale 40: reads refill
    // 1,000 and writes 400 per wall second, so the burst outruns both buckets within a second.
    const sandbox = quotaSandbox(40);
    const rates = sandbox.quotas?.wallRefillPerSecond();
    if (!rates) throw new Error('the sandbox enforces no ARM quota');
    const pacer = new ArmPacer({ refillPerSecond: rates });
    const arm = gateway(sandbox, pacer);
    const ids = names.map((name) => parseResourceId(storageAccountId(name)));
    const [readFailures, writeFailures] = await Promise.all([
      burst(700, 16, (i) => arm.read(ids[i % ids.length], ['self'])),
      burst(260, 8, (i) => arm.patch(ids[i % ids.length], 'self', { properties: { supportsHttpsTrafficOnly: true } })),
    ]);
    expect({ readFailures, writeFailures }).toEqual({ readFailures: 0, writeFailures: 0 });
    const counts = sandbox.quotas?.counts();
    expect(counts?.reads.requests).toBeGreaterThanOrEqual(700);
    expect(counts?.writes.requests).toBeGreaterThanOrEqual(260);
    expect((counts?.reads.throttled ?? 0) + (counts?.writes.throttled ?? 0)).toBeLessThanOrEqual(3);
    expect(pacer.stats().delayed).toBeGreaterThan(0);
  });

  it('the same ARM burst with pacing blinded (an absurd refill rate) is throttled many times', async () => {
    const sandbox = quotaSandbox(40);
    const arm = gateway(sandbox, new ArmPacer({ refillPerSecond: { reads: 1e9, writes: 1e9 } }));
    const ids = names.map((name) => parseResourceId(storageAccountId(name)));
    await Promise.all([
      burst(700, 16, (i) => arm.read(ids[i % ids.length], ['self'])),
      burst(260, 8, (i) => arm.patch(ids[i % ids.length], 'self', { properties: { supportsHttpsTrafficOnly: true } })),
    ]);
    const counts = sandbox.quotas?.counts();
    expect((counts?.reads.throttled ?? 0) + (counts?.writes.throttled ?? 0)).toBeGreaterThan(20);
  });

  it('paces the list source’s calls too (its clients get the pacing policy)', async () => {
    const sandbox = quotaSandbox(40);
    const pacer = new ArmPacer({ refillPerSecond: sandbox.quotas?.wallRefillPerSecond() });
    const list = new ListSource({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog: CATALOG, pacer });
    expect(await drain(list.rows())).toHaveLength(ACCOUNTS);
    expect(pacer.stats().requests).toBe(sandbox.quotas?.counts().reads.requests);
    expect(pacer.stats().requests).toBeGreaterThan(0);
  });
});
