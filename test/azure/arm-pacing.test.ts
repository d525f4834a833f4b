import { createHttpHeaders, createPipelineRequest, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { ArmPacer, armPacingPolicies, sharedArmPacer, subscriptionOf, type ArmPacingOptions } from '../../src/azure/arm-pacing';
import { sdkOptions } from '../../src/azure/kinds/kind';
import { isWardenError } from '../../src/errors';

const ARM = 'https://management.example';
const SUB_A = '00000000-0000-0000-0000-00000000000a';
const SUB_B = '00000000-0000-0000-0000-00000000000b';
const url = (sub: string) => `${ARM}/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st?api-version=2025-08-01`;

/** A pacer on a fake clock whose sleeps advance the clock and are recorded. */
function rig(options: ArmPacingOptions = {}, clock: { sleepsAdvance: boolean } = { sleepsAdvance: true }) {
  let now = 0;
  const waits: number[] = [];
  const pacer = new ArmPacer({
    reserve: 2, ...options, now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      if (clock.sleepsAdvance) now += ms;
    },
  });
  const sent: string[] = [];
  /** Sends one request through the policy; ARM answers with these headers. */
  const send = async (method: string, target: string, headers: Record<string, string> = {}, status = 200): Promise<PipelineResponse> => {
    const request = createPipelineRequest({ url: target, method: method as 'GET' });
    return pacer.policy.sendRequest(request, async (r: PipelineRequest) => {
      sent.push(`${r.method} ${r.url}`);
      return { request: r, status, headers: createHttpHeaders(headers) };
    });
  };
  return { pacer, waits, sent, send, advance: (ms: number) => void (now += ms) };
}

const reads = (n: number) => ({ 'x-ms-ratelimit-remaining-subscription-reads': String(n) });

describe('ArmPacer', () => {
  it('delays nothing before ARM has reported a bucket, nor while the bucket is well above the reserve', async () => {
    const { send, waits, pacer } = rig();
    await send('GET', url(SUB_A));
    await send('GET', url(SUB_A), reads(100));
    await send('GET', url(SUB_A), reads(99));
    expect(waits).toEqual([]);
    expect(pacer.stats()).toMatchObject({ requests: 3, delayed: 0 });
  });

  it('paces at the refill rate once the estimate reaches the reserve', async () => {
    const { send, waits } = rig({ refillPerSecond: { reads: 10 }, reserve: 2 });
    await send('GET', url(SUB_A), reads(3));
    // Estimate 3: the next request leaves 2, the reserve: no wait.
    await send('GET', url(SUB_A), reads(2));
    // Estimate 2: the next would leave 1, so it waits one token's refill (100 ms at 10/s).
    await send('GET', url(SUB_A), reads(2));
    expect(waits).toEqual([100]);
  });

  it('spaces concurrent requests one refill apart instead of sending them together', async () => {
    // The clock stands still: all three are admitted at the same instant, as concurrent requests are.
    const { send, waits } = rig({ refillPerSecond: { reads: 20 }, reserve: 0 }, { sleepsAdvance: false });
    await send('GET', url(SUB_A), reads(0));
    await Promise.all([send('GET', url(SUB_A), reads(0)), send('GET', url(SUB_A), reads(0)), send('GET', url(SUB_A), reads(0))]);
    expect(waits).toEqual([50, 100, 150]);
  });

  it('keeps subscriptions and reads/writes apart', async () => {
    const { send, waits } = rig({ reserve: 5 });
    await send('GET', url(SUB_A), reads(0));
    await send('GET', url(SUB_B), reads(200));
    await send('PATCH', url(SUB_A), { 'x-ms-ratelimit-remaining-subscription-writes': '150' });
    await send('PATCH', url(SUB_A));
    expect(waits).toEqual([]);
    await send('GET', url(SUB_A));
    expect(waits).toHaveLength(1);
  });

  it('holds the next request for the Retry-After of a 429 and never retries by itself', async () => {
    const { send, waits, sent, pacer } = rig({ reserve: 0, refillPerSecond: { reads: 1000 } });
    const throttled = await send('GET', url(SUB_A), { ...reads(0), 'retry-after': '3' }, 429);
    expect(throttled.status).toBe(429);
    expect(sent).toHaveLength(1);
    await send('GET', url(SUB_A), reads(5));
    expect(waits).toEqual([3000]);
    expect(pacer.stats()).toMatchObject({ throttled: 1, delayed: 1, delayedMs: 3000 });
  });

  it('a 429 without a remaining-count header holds for its Retry-After only, and does not pace what follows', async () => {
    // The fault soak's injected 429s carry Retry-After: 0 and no ratelimit header; guessing a bucket
    // of one from them once paced every later request at the refill rate, and events dead-lettered.
    const { send, waits } = rig({ reserve: 10 });
    await send('GET', url(SUB_A), { 'retry-after': '1' }, 429);
    for (let i = 0; i < 5; i += 1) await send('GET', url(SUB_A));
    expect(waits).toEqual([1000]);
  });

  it('leaves tenant-level requests (Resource Graph) and DELETE alone', async () => {
    const { send, waits, pacer } = rig({ reserve: 0 });
    for (let i = 0; i < 3; i += 1) await send('POST', `${ARM}/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01`, { 'x-ms-ratelimit-remaining-tenant-reads': '0' }, 429);
    await send('DELETE', url(SUB_A));
    expect(waits).toEqual([]);
    expect(pacer.stats().requests).toBe(0);
    expect(pacer.tracked).toBe(0);
  });

  it('bounds its memory: idle buckets beyond maxEntries are dropped', async () => {
    const { send, pacer } = rig({ maxEntries: 3 });
    for (let i = 0; i < 20; i += 1) await send('GET', url(`00000000-0000-0000-0000-${String(i).padStart(12, '0')}`), reads(100));
    expect(pacer.tracked).toBe(3);
  });

  it('gives the token back when a request is aborted while it waits', async () => {
    const waits: number[] = [];
    let abort = false;
    const pacer = new ArmPacer({
      reserve: 0, refillPerSecond: { reads: 1 }, now: () => 0,
      sleep: async (ms) => {
        if (abort) throw new Error('aborted');
        waits.push(ms);
      },
    });
    const next = async (r: PipelineRequest): Promise<PipelineResponse> => ({ request: r, status: 200, headers: createHttpHeaders(reads(0)) });
    await pacer.policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    abort = true;
    await expect(pacer.policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next)).rejects.toThrow('aborted');
    abort = false;
    // Had the aborted request kept its token, this one would wait two seconds, not one.
    await pacer.policy.sendRequest(createPipelineRequest({ url: url(SUB_A) }), next);
    expect(waits).toEqual([1000]);
  });

  it('refuses bad options', () => {
    for (const options of [{ reserve: -1 }, { refillPerSecond: { reads: 0 } }, { maxEntries: 0 }]) {
      let caught: unknown;
      try {
        new ArmPacer(options);
      } catch (err) {
        caught = err;
      }
      expect(isWardenError(caught, 'INVALID_CONFIG')).toBe(true);
    }
  });

  it('reads the subscription from the URL', () => {
    expect(subscriptionOf(url(SUB_A.toUpperCase()))).toBe(SUB_A);
    expect(subscriptionOf(`${ARM}/providers/Microsoft.ResourceGraph/resources`)).toBeUndefined();
    expect(subscriptionOf('not a url')).toBeUndefined();
  });

  it('is in every ARM client’s options, one shared pacer unless one is given, after the retry policy', () => {
    const options = sdkOptions({ credential: { getToken: async () => null }, pollIntervalMs: 1 });
    expect(options.additionalPolicies).toEqual([{ policy: sharedArmPacer().policy, position: 'perRetry' }]);
    const own = new ArmPacer();
    expect(sdkOptions({ credential: { getToken: async () => null }, pollIntervalMs: 1, pacer: own }).additionalPolicies).toEqual(armPacingPolicies(own));
  });
});
