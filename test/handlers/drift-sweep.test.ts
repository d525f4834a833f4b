import functions, { type Timer } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { ResourceGraphSource } from '../../src/azure/resource-graph';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { catalog } from '../../src/controls';
import { driftSweepTimer, parseSweepMessage, sweepSubscription, type SweepRuntime } from '../../src/handlers/drift-sweep';
import { createLogger } from '../../src/logger';
import { resourceGraphRoute } from '../../src/sandbox/resource-graph-route';
import { OTHER_SUBSCRIPTION_ID, SUBSCRIPTION_ID, resourceGroup, storageAccount, storageAccountId } from '../fixtures/arm';
import { FIXED_NOW, fixedClock, sandboxEngine } from '../helpers/sandbox-runtime';

const THIRD_SUBSCRIPTION_ID = '00000000-0000-0000-0000-0000000000cc';

function context(name: string) {
  const lines: string[] = [];
  const ctx = new functions.InvocationContext({ functionName: name, logHandler: (_level, ...args) => void lines.push(args.map(String).join(' ')) });
  return { ctx, lines };
}

const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '2026-11-23T06:00:00Z', next: '2026-11-23T18:00:00Z', lastUpdated: '2026-11-23T06:00:00Z' },
};

function setup(allowed: string[] = [SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID]) {
  const estate = [
    resourceGroup(),
    resourceGroup({ subscriptionId: OTHER_SUBSCRIPTION_ID }),
    storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'stmine' }),
    storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'sttheirs', subscriptionId: OTHER_SUBSCRIPTION_ID }),
  ];
  const config: WardenConfig = { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: allowed };
  const t = sandboxEngine(estate, { config });
  t.sandbox.addRoute(resourceGraphRoute(t.sandbox));
  const sources: string[] = [];
  const runtime: SweepRuntime = {
    engine: t.engine,
    config,
    logger: createLogger({ level: 'silent' }),
    catalog,
    clock: fixedClock(),
    graphSourceFactory: (subscriptionId) => {
      sources.push(subscriptionId);
      return new ResourceGraphSource({
        credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions: [subscriptionId], catalog,
      });
    },
  };
  return { t, runtime, sources };
}

describe('drift sweep timer', () => {
  it('returns one queue message per allowed subscription, all with the same run id', async () => {
    const { runtime, t } = setup([SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID, THIRD_SUBSCRIPTION_ID]);
    const messages = await driftSweepTimer(runtime)(timer, context('driftSweep').ctx);

    expect(messages).toEqual([
      { subscriptionId: SUBSCRIPTION_ID, runId: `sweep-${FIXED_NOW.toISOString()}` },
      { subscriptionId: OTHER_SUBSCRIPTION_ID, runId: `sweep-${FIXED_NOW.toISOString()}` },
      { subscriptionId: THIRD_SUBSCRIPTION_ID, runId: `sweep-${FIXED_NOW.toISOString()}` },
    ]);
    // The timer only fans out: it reads nothing from Azure.
    expect(t.sandbox.counts().total).toBe(0);
  });

  it('enqueues nothing and warns when no subscription is allowed', async () => {
    const { runtime } = setup([]);
    const { ctx, lines } = context('driftSweep');
    expect(await driftSweepTimer(runtime)(timer, ctx)).toEqual([]);
    expect(lines.join('\n')).toMatch(/no allowed subscriptions/);
  });
});

describe('sweepSubscription queue handler', () => {
  it('sweeps the subscription in the message and no other', async () => {
    const { runtime, t, sources } = setup();
    const result = await sweepSubscription(runtime)({ subscriptionId: SUBSCRIPTION_ID, runId: 'sweep-1' }, context('sweepSubscription').ctx);

    expect(sources).toEqual([SUBSCRIPTION_ID]);
    expect(result.summary).toMatchObject({ runId: 'sweep-1', candidates: 1, evaluated: 1, errors: [] });
    expect(t.sandbox.writes.map((w) => w.id)).toEqual([storageAccountId('stmine')]);
    expect(t.sandbox.get(storageAccountId('sttheirs', { subscriptionId: OTHER_SUBSCRIPTION_ID }))?.properties).toMatchObject({ supportsHttpsTrafficOnly: false });
    expect(t.sandbox.calls.some((c) => c.path.toLowerCase().includes(OTHER_SUBSCRIPTION_ID))).toBe(false);
  });

  it('accepts the message as a JSON string, as a queue may deliver it', async () => {
    const { runtime, t } = setup();
    await sweepSubscription(runtime)(JSON.stringify({ subscriptionId: OTHER_SUBSCRIPTION_ID, runId: 'sweep-2' }), context('sweepSubscription').ctx);
    expect(t.sandbox.writes.map((w) => w.id)).toEqual([storageAccountId('sttheirs', { subscriptionId: OTHER_SUBSCRIPTION_ID })]);
  });

  it('throws INVALID_INPUT for a malformed message, so it lands in the poison queue, before touching Azure', async () => {
    const { runtime, t } = setup();
    const handler = sweepSubscription(runtime);
    for (const bad of [{ runId: 'sweep-1' }, { subscriptionId: 'prod', runId: 'sweep-1' }, { subscriptionId: SUBSCRIPTION_ID }, 'not json', null]) {
      await expect(handler(bad, context('sweepSubscription').ctx)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(t.sandbox.counts().total).toBe(0);
  });

  it('skips a subscription that left the allow-list since the timer ran, with a warning', async () => {
    const { runtime, t } = setup([SUBSCRIPTION_ID]);
    const { ctx, lines } = context('sweepSubscription');
    const result = await sweepSubscription(runtime)({ subscriptionId: OTHER_SUBSCRIPTION_ID, runId: 'sweep-1' }, ctx);

    expect(result.summary).toBeNull();
    expect(t.sandbox.counts().total).toBe(0);
    expect(lines.join('\n')).toMatch(/not in the allow-list/);
  });

  it('re-running the same message records and fixes nothing twice', async () => {
    const { runtime, t } = setup();
    const handler = sweepSubscription(runtime);
    await handler({ subscriptionId: SUBSCRIPTION_ID, runId: 'sweep-1' }, context('sweepSubscription').ctx);
    const again = await handler({ subscriptionId: SUBSCRIPTION_ID, runId: 'sweep-1' }, context('sweepSubscription').ctx);

    expect(again.summary?.records).toEqual([]);
    expect(t.sandbox.writes).toHaveLength(1);
  });

  it('throws when ARM keeps failing for a resource, so the message is retried, and the retry finishes the run', async () => {
    const { runtime, t } = setup();
    const handler = sweepSubscription(runtime);
    // Graph answers; every ARM read of the storage account fails (beyond the SDK's own retries).
    t.sandbox.faults.serverError({ times: 1000, status: 503, match: ({ path }) => path.toLowerCase().includes('/storageaccounts/stmine') });
    const { ctx, lines } = context('sweepSubscription');
    await expect(handler({ subscriptionId: SUBSCRIPTION_ID, runId: 'sweep-1' }, ctx)).rejects.toMatchObject({
      code: 'SWEEP_INCOMPLETE', message: expect.stringMatching(/1 resource\(s\) not evaluated, e\.g\. .*stmine: .*503/),
    });
    expect(lines.join('\n')).toMatch(/1 error\(s\)/);
    expect(t.sandbox.writes).toHaveLength(0);

    t.sandbox.faults.clear();
    const retried = await handler({ subscriptionId: SUBSCRIPTION_ID, runId: 'sweep-1' }, context('sweepSubscription').ctx);
    expect(retried.summary?.errors).toEqual([]);
    expect(t.sandbox.writes.map((w) => w.id)).toEqual([storageAccountId('stmine')]);
  });

  it('lower-cases the subscription id of a message', () => {
    expect(parseSweepMessage({ subscriptionId: SUBSCRIPTION_ID.toUpperCase(), runId: 'r-1' })).toEqual({ subscriptionId: SUBSCRIPTION_ID, runId: 'r-1' });
  });
});
