import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { parseResetsAfter, parseRetryAfter } from '../../src/azure/resource-graph';
import { isWardenError } from '../../src/errors';
import { ArmSandbox, SANDBOX_TOKEN } from '../../src/sandbox/arm-sandbox';
import { formatResetsAfter, HEADER, type QuotaOptions } from '../../src/sandbox/quota';
import { addStandardRoutes } from '../../src/sandbox/standard-routes';
import { OTHER_SUBSCRIPTION_ID, SUBSCRIPTION_ID, storageAccount, storageAccountId } from '../fixtures/arm';

const STORAGE_API = '2025-08-01';
const GRAPH_QUERY = "resources | where type in~ ('microsoft.storage/storageaccounts') | project id, name, type | order by id asc";

/** A sandbox with quotas on a hand-driven clock. */
function rig(quotas: Omit<QuotaOptions, 'now'> = {}): { sandbox: ArmSandbox; advance: (ms: number) => void } {
  let now = 1_000_000;
  const sandbox = new ArmSandbox({
    estate: [storageAccount(), storageAccount({}, { subscriptionId: OTHER_SUBSCRIPTION_ID })],
    quotas: { ...quotas, now: () => now },
  });
  addStandardRoutes(sandbox);
  return { sandbox, advance: (ms) => void (now += ms) };
}

/** One request straight to the sandbox's transport: no SDK retries to hide a 429. */
async function send(sandbox: ArmSandbox, method: string, url: string, options: { body?: unknown; principal?: string } = {}): Promise<PipelineResponse & { json: { error?: { code?: string } } }> {
  const token = options.principal ? `${SANDBOX_TOKEN}.${options.principal}` : SANDBOX_TOKEN;
  const request = createPipelineRequest({
    url: `${sandbox.endpoint}${url}`,
    method: method as 'GET',
    headers: createHttpHeaders({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }),
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const response = await sandbox.httpClient.sendRequest(request);
  return Object.assign(response, { json: response.bodyAsText ? JSON.parse(response.bodyAsText) : {} });
}

const read = (sandbox: ArmSandbox, options: { principal?: string; subscriptionId?: string } = {}) =>
  send(sandbox, 'GET', `${storageAccountId('stcontoso001', { subscriptionId: options.subscriptionId })}?api-version=${STORAGE_API}`, options);
const write = (sandbox: ArmSandbox, options: { principal?: string } = {}) =>
  send(sandbox, 'PATCH', `${storageAccountId()}?api-version=${STORAGE_API}`, { ...options, body: { tags: { owner: 'quota-test' } } });
const graph = (sandbox: ArmSandbox, options: { principal?: string } = {}) =>
  send(sandbox, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01', { ...options, body: { subscriptions: [SUBSCRIPTION_ID], query: GRAPH_QUERY } });

describe('sandbox quotas: off by default', () => {
  it('sends no quota headers and never throttles without the option', async () => {
    const sandbox = new ArmSandbox({ estate: [storageAccount()] });
    addStandardRoutes(sandbox);
    expect(sandbox.quotas).toBeUndefined();
    for (let i = 0; i < 20; i += 1) {
      const graphAnswer = await graph(sandbox);
      expect(graphAnswer.status).toBe(200);
      expect(graphAnswer.headers.get(HEADER.graphRemaining)).toBeUndefined();
    }
    const answer = await read(sandbox);
    expect(answer.status).toBe(200);
    expect(answer.headers.get(HEADER.reads)).toBeUndefined();
  });
});

describe('sandbox quotas: Resource Graph per identity', () => {
  it('defaults to Azure’s 15 queries per 5 s, counting down with the time left in the window', async () => {
    const { sandbox, advance } = rig();
    const first = await graph(sandbox);
    expect(first.status).toBe(200);
    expect(first.headers.get(HEADER.graphRemaining)).toBe('14');
    expect(first.headers.get(HEADER.graphResetsAfter)).toBe('00:00:05');
    advance(2000);
    const second = await graph(sandbox);
    expect(second.headers.get(HEADER.graphRemaining)).toBe('13');
    expect(second.headers.get(HEADER.graphResetsAfter)).toBe('00:00:03');
  });

  it('answers the query past the limit with 429 RateLimiting, the quota headers and Retry-After', async () => {
    const { sandbox, advance } = rig();
    for (let i = 0; i < 15; i += 1) {
      const answer = await graph(sandbox);
      expect(answer.status).toBe(200);
      expect(answer.headers.get(HEADER.graphRemaining)).toBe(String(14 - i));
    }
    advance(1500);
    const refused = await graph(sandbox);
    expect(refused.status).toBe(429);
    expect(refused.json.error?.code).toBe('RateLimiting');
    expect(refused.headers.get(HEADER.graphRemaining)).toBe('0');
    expect(refused.headers.get(HEADER.graphResetsAfter)).toBe('00:00:03.500');
    expect(parseResetsAfter(refused.headers.get(HEADER.graphResetsAfter))).toBe(3500);
    expect(refused.headers.get('retry-after')).toBe('4');
    expect(sandbox.quotas?.counts().graph).toEqual({ requests: 16, throttled: 1 });
    expect(sandbox.counts().byStatus).toEqual({ 200: 15, 429: 1 });
  });

  it('resets the window once it has passed', async () => {
    const { sandbox, advance } = rig({ graph: { limit: 2, windowMs: 1000 } });
    await graph(sandbox);
    await graph(sandbox);
    advance(999);
    expect((await graph(sandbox)).status).toBe(429);
    advance(1);
    const fresh = await graph(sandbox);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get(HEADER.graphRemaining)).toBe('1');
    expect(fresh.headers.get(HEADER.graphResetsAfter)).toBe('00:00:01');
  });

  it('keeps a window per identity', async () => {
    const { sandbox } = rig({ graph: { limit: 1, windowMs: 5000 } });
    expect((await graph(sandbox)).status).toBe(200);
    expect((await graph(sandbox)).status).toBe(429);
    const other = await graph(sandbox, { principal: 'other-app' });
    expect(other.status).toBe(200);
    expect(other.headers.get(HEADER.graphRemaining)).toBe('0');
  });

  it('does not draw Graph queries from the ARM read bucket (Graph has its own limit), nor ARM reads from Graph', async () => {
    const { sandbox } = rig();
    for (let i = 0; i < 10; i += 1) await graph(sandbox);
    const answer = await read(sandbox);
    expect(answer.headers.get(HEADER.reads)).toBe('249');
    expect(answer.headers.get(HEADER.graphRemaining)).toBeUndefined();
    const graphAnswer = await graph(sandbox);
    expect(graphAnswer.headers.get(HEADER.graphRemaining)).toBe('4');
    expect(graphAnswer.headers.get(HEADER.reads)).toBeUndefined();
    expect(sandbox.quotas?.counts()).toEqual({ graph: { requests: 11, throttled: 0 }, reads: { requests: 1, throttled: 0 }, writes: { requests: 0, throttled: 0 } });
  });
});

describe('sandbox quotas: ARM token buckets per identity × subscription', () => {
  it('defaults to Azure’s buckets: reads 250, writes 200, each request reporting the bucket it drew on', async () => {
    const { sandbox } = rig();
    const got = await read(sandbox);
    expect(got.status).toBe(200);
    expect(got.headers.get(HEADER.reads)).toBe('249');
    expect(got.headers.get(HEADER.writes)).toBeUndefined();
    const patched = await write(sandbox);
    expect(patched.status).toBe(200);
    expect(patched.headers.get(HEADER.writes)).toBe('199');
    expect(patched.headers.get(HEADER.reads)).toBeUndefined();
    expect(sandbox.quotas?.wallRefillPerSecond()).toEqual({ reads: 25, writes: 10 });
  });

  it('answers an empty bucket with 429 TooManyRequests and Retry-After in seconds, then refills at its rate', async () => {
    const { sandbox, advance } = rig({ arm: { reads: { capacity: 3, refillPerSecond: 0.5 } } });
    expect((await read(sandbox)).headers.get(HEADER.reads)).toBe('2');
    expect((await read(sandbox)).headers.get(HEADER.reads)).toBe('1');
    expect((await read(sandbox)).headers.get(HEADER.reads)).toBe('0');
    const refused = await read(sandbox);
    expect(refused.status).toBe(429);
    expect(refused.json.error?.code).toBe('TooManyRequests');
    expect(refused.headers.get(HEADER.reads)).toBe('0');
    // One token at 0.5 per second: two seconds.
    expect(refused.headers.get('retry-after')).toBe('2');
    advance(1000);
    expect((await read(sandbox)).headers.get('retry-after')).toBe('1');
    advance(1000);
    const refilled = await read(sandbox);
    expect(refilled.status).toBe(200);
    expect(refilled.headers.get(HEADER.reads)).toBe('0');
    // A long pause fills the bucket to its capacity, never past it.
    advance(60_000);
    expect((await read(sandbox)).headers.get(HEADER.reads)).toBe('2');
    expect(sandbox.quotas?.counts().reads).toEqual({ requests: 7, throttled: 2 });
  });

  it('keeps reads and writes apart', async () => {
    const { sandbox } = rig({ arm: { reads: { capacity: 1, refillPerSecond: 1 }, writes: { capacity: 2, refillPerSecond: 1 } } });
    expect((await read(sandbox)).status).toBe(200);
    expect((await read(sandbox)).status).toBe(429);
    const patched = await write(sandbox);
    expect(patched.status).toBe(200);
    expect(patched.headers.get(HEADER.writes)).toBe('1');
    expect((await write(sandbox)).status).toBe(200);
    const refused = await write(sandbox);
    expect(refused.status).toBe(429);
    expect(refused.headers.get(HEADER.writes)).toBe('0');
    expect(sandbox.writes).toHaveLength(2);
    expect(sandbox.quotas?.counts().writes).toEqual({ requests: 3, throttled: 1 });
  });

  it('keeps a bucket per subscription and per identity', async () => {
    const { sandbox } = rig({ arm: { reads: { capacity: 1, refillPerSecond: 1 } } });
    expect((await read(sandbox)).status).toBe(200);
    expect((await read(sandbox)).status).toBe(429);
    expect((await read(sandbox, { subscriptionId: OTHER_SUBSCRIPTION_ID })).status).toBe(200);
    expect((await read(sandbox, { principal: 'second-app' })).status).toBe(200);
    expect((await read(sandbox, { principal: 'second-app' })).status).toBe(429);
  });

  it('meters only requests with a good token: a 401 draws nothing', async () => {
    const { sandbox } = rig({ arm: { reads: { capacity: 1, refillPerSecond: 1 } } });
    const request = createPipelineRequest({ url: `${sandbox.endpoint}${storageAccountId()}?api-version=${STORAGE_API}`, headers: createHttpHeaders({ authorization: 'Bearer nope' }) });
    expect((await sandbox.httpClient.sendRequest(request)).status).toBe(401);
    expect((await read(sandbox)).status).toBe(200);
  });
});

describe('sandbox quotas: timeScale', () => {
  it('runs the Graph window faster and reports wall time in its headers', async () => {
    const { sandbox, advance } = rig({ timeScale: 100, graph: { limit: 1, windowMs: 5000 } });
    const first = await graph(sandbox);
    expect(first.headers.get(HEADER.graphResetsAfter)).toBe('00:00:00.050');
    const refused = await graph(sandbox);
    expect(refused.status).toBe(429);
    expect(parseRetryAfter(refused.headers.get('retry-after'))).toBe(50);
    advance(50);
    expect((await graph(sandbox)).status).toBe(200);
  });

  it('refills the buckets faster, reports the wall Retry-After and the wall refill rate', async () => {
    const { sandbox, advance } = rig({ timeScale: 10, arm: { reads: { capacity: 1, refillPerSecond: 25 } } });
    expect((await read(sandbox)).status).toBe(200);
    const refused = await read(sandbox);
    expect(refused.status).toBe(429);
    // 40 ms of Azure time is 4 ms of wall time.
    expect(refused.headers.get('retry-after')).toBe('0.004');
    expect(parseRetryAfter(refused.headers.get('retry-after'))).toBe(4);
    advance(4);
    expect((await read(sandbox)).status).toBe(200);
    expect(sandbox.quotas?.wallRefillPerSecond()).toEqual({ reads: 250, writes: 100 });
  });

  it('refuses bad settings at construction', () => {
    for (const quotas of [{ timeScale: 0 }, { graph: { limit: 0, windowMs: 5000 } }, { arm: { reads: { capacity: 10, refillPerSecond: -1 } } }]) {
      let caught: unknown;
      try {
        new ArmSandbox({ quotas });
      } catch (err) {
        caught = err;
      }
      expect(isWardenError(caught, 'INVALID_INPUT')).toBe(true);
    }
  });

  it('formats durations as Graph does, rounding up to the millisecond', () => {
    expect(formatResetsAfter(5000)).toBe('00:00:05');
    expect(formatResetsAfter(3500)).toBe('00:00:03.500');
    expect(formatResetsAfter(0.2)).toBe('00:00:00.001');
    expect(formatResetsAfter(3_723_000)).toBe('01:02:03');
  });
});
