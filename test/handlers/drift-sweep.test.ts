import functions, { type Timer } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { ResourceGraph, ResourceGraphSource } from '../../src/azure/resource-graph';
import { graphManagementGroupLister } from '../../src/azure/scope-resolver';
import { subscriptionScope } from '../../src/engine/scope';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { catalog } from '../../src/controls';
import {
  CANDIDATES_PER_MESSAGE, MAX_MESSAGE_JSON_BYTES, candidateMessages, driftSweepTimer, parseSweepMessage, sweepQueueOutput, sweepSubscription, type SweepRuntime,
} from '../../src/handlers/drift-sweep';
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
    graphSourceFactory: (subscriptions) => {
      sources.push(...subscriptions);
      return new ResourceGraphSource({
        credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions, catalog,
      });
    },
  };
  return { t, runtime, sources };
}

describe('drift sweep timer', () => {
  it('returns one batch message for up to 1,000 allowed subscriptions, with the run id', async () => {
    const { runtime, t } = setup([SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID, THIRD_SUBSCRIPTION_ID]);
    const messages = await driftSweepTimer(runtime)(timer, context('driftSweep').ctx);

    expect(messages).toEqual([
      { kind: 'batch', runId: `sweep-${FIXED_NOW.toISOString()}`, subscriptions: [SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID, THIRD_SUBSCRIPTION_ID].sort() },
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
    expect(result).toMatchObject({ runId: 'sweep-1', kind: 'subscription', candidates: 1, errors: [] });
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

    expect(result).toMatchObject({ subscriptions: [], outOfScope: [OTHER_SUBSCRIPTION_ID], records: [] });
    expect(t.sandbox.counts().total).toBe(0);
    expect(lines.join('\n')).toMatch(/not in scope/);
  });

  it('re-running the same message records and fixes nothing twice', async () => {
    const { runtime, t } = setup();
    const handler = sweepSubscription(runtime);
    await handler({ subscriptionId: SUBSCRIPTION_ID, runId: 'sweep-1' }, context('sweepSubscription').ctx);
    const again = await handler({ subscriptionId: SUBSCRIPTION_ID, runId: 'sweep-1' }, context('sweepSubscription').ctx);

    expect(again.records).toEqual([]);
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
    expect(retried.errors).toEqual([]);
    expect(t.sandbox.writes.map((w) => w.id)).toEqual([storageAccountId('stmine')]);
  });

  it('lower-cases the subscription id of a message', () => {
    expect(parseSweepMessage({ subscriptionId: SUBSCRIPTION_ID.toUpperCase(), runId: 'r-1' })).toEqual({ subscriptionId: SUBSCRIPTION_ID, runId: 'r-1' });
  });
});

/** Runs queue messages the way the Functions host would: each handler's fanned-out messages go to the back of the queue. */
async function drain(runtime: SweepRuntime, first: unknown[]): Promise<{ results: Awaited<ReturnType<ReturnType<typeof sweepSubscription>>>[]; handled: unknown[] }> {
  const queue = [...first];
  const results = [];
  const handled: unknown[] = [];
  const handler = sweepSubscription(runtime);
  while (queue.length > 0) {
    const message = queue.shift();
    handled.push(message);
    const ctx = context('sweepSubscription').ctx;
    results.push(await handler(JSON.stringify(message), ctx));
    const out = ctx.extraOutputs.get(sweepQueueOutput);
    if (Array.isArray(out)) queue.push(...out);
  }
  return { results, handled };
}

describe('batch and candidates messages', () => {
  it('a batch message queries Graph once per table for all its subscriptions and fans the candidates out; their messages fix them', async () => {
    const { runtime, t, sources } = setup();
    const [batch] = await driftSweepTimer(runtime)(timer, context('driftSweep').ctx);
    const { results, handled } = await drain(runtime, [batch]);

    expect(sources).toEqual([SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID].sort());
    // One query over `resources` (the catalog's App Service config table is a second).
    const graphCalls = t.sandbox.calls.filter((c) => /resourcegraph/i.test(c.path));
    expect(graphCalls.length).toBe(2);
    expect(results[0]).toMatchObject({ kind: 'batch', candidates: 2, enqueued: 1, records: [] });
    expect(handled[1]).toMatchObject({ kind: 'candidates', candidates: [{ resourceId: expect.stringContaining('/storageAccounts/st') }, { resourceId: expect.stringContaining('/storageAccounts/st') }] });
    expect(results[1]).toMatchObject({ kind: 'candidates', candidates: 2, errors: [] });
    expect(t.sandbox.writes.map((w) => w.id).sort()).toEqual([storageAccountId('stmine'), storageAccountId('sttheirs', { subscriptionId: OTHER_SUBSCRIPTION_ID })].sort());
  });

  it('a redelivered candidates message records and writes nothing twice', async () => {
    const { runtime, t } = setup();
    const [batch] = await driftSweepTimer(runtime)(timer, context('driftSweep').ctx);
    const { handled } = await drain(runtime, [batch]);
    const again = await drain(runtime, [handled[1]]);
    expect(again.results[0].records).toEqual([]);
    expect(t.sandbox.writes).toHaveLength(2);
  });

  it('skips candidates of a subscription that left the scope since the batch ran', async () => {
    const { runtime, t } = setup();
    const [batch] = await driftSweepTimer(runtime)(timer, context('driftSweep').ctx);
    const ctx = context('sweepSubscription').ctx;
    await sweepSubscription(runtime)(batch, ctx);
    const [candidates] = ctx.extraOutputs.get(sweepQueueOutput) as unknown[];
    const narrowed: SweepRuntime = { ...runtime, config: { ...runtime.config, allowedSubscriptions: [SUBSCRIPTION_ID] } };
    const result = await sweepSubscription(narrowed)(candidates, context('sweepSubscription').ctx);
    expect(result).toMatchObject({ outOfScope: [OTHER_SUBSCRIPTION_ID], candidates: 1 });
    expect(t.sandbox.writes.map((w) => w.id)).toEqual([storageAccountId('stmine')]);
  });

  it('refuses malformed batch and candidates messages before touching Azure', async () => {
    const { runtime, t } = setup();
    const handler = sweepSubscription(runtime);
    for (const bad of [
      { kind: 'batch', runId: 'r-1', subscriptions: [] },
      { kind: 'batch', runId: 'r-1', subscriptions: ['prod'] },
      { kind: 'batch', runId: 'r-1', subscriptions: Array.from({ length: 1001 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`) },
      { kind: 'candidates', runId: 'r-1', candidates: [] },
      { kind: 'candidates', runId: 'r-1', candidates: [{ resourceId: '/subscriptions/x' }] },
      { kind: 'other', runId: 'r-1' },
    ]) {
      await expect(handler(bad, context('sweepSubscription').ctx)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(t.sandbox.counts().total).toBe(0);
  });

  it('splits candidates into messages a Storage queue accepts, dropping a hint too large to carry', () => {
    const id = (i: number) => storageAccountId(`st${String(i).padStart(5, '0')}`);
    const small = Array.from({ length: 120 }, (_, i) => ({ resourceId: id(i) }));
    expect(candidateMessages('r-1', small).map((m) => m.candidates.length)).toEqual([CANDIDATES_PER_MESSAGE, CANDIDATES_PER_MESSAGE, 20]);

    const big = { resource: { id: id(0), type: 'Microsoft.Storage/storageAccounts', properties: { blob: 'x'.repeat(60_000) } }, documents: {} };
    const medium = (i: number) => ({ resourceId: id(i), hint: { resource: { id: id(i), type: 'Microsoft.Storage/storageAccounts', properties: { note: 'y'.repeat(20_000) } }, documents: {} } });
    const messages = candidateMessages('r-1', [{ resourceId: id(0), hint: big }, medium(1), medium(2), medium(3)]);
    expect(messages[0].candidates[0]).toEqual({ resourceId: id(0) });
    for (const m of messages) expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThanOrEqual(MAX_MESSAGE_JSON_BYTES);
    expect(messages.flatMap((m) => m.candidates.map((c) => c.resourceId))).toEqual([0, 1, 2, 3].map(id));
  });
});

describe('management-group scope', () => {
  function groupSetup() {
    const { t, runtime, sources } = setup([]);
    t.sandbox.managementGroups.addGroup('mg-root');
    t.sandbox.managementGroups.addGroup('mg-prod', 'mg-root');
    t.sandbox.managementGroups.place(SUBSCRIPTION_ID, 'mg-prod');
    const clock = fixedClock();
    const config: WardenConfig = { ...runtime.config, allowedSubscriptions: [], allowedManagementGroups: ['mg-root'], scopeMaxAgeSeconds: 300 };
    const graph = new ResourceGraph({ credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, sleep: async () => undefined });
    const scope = subscriptionScope({ config, clock, listManagementGroups: graphManagementGroupLister(graph) });
    return { t, sources, clock, graph, runtime: { ...runtime, config, clock, scope } satisfies SweepRuntime };
  }

  it('sweeps the subscriptions under the group, however deep, and picks up one added later without a config change', async () => {
    const { t, runtime, sources, clock } = groupSetup();
    await drain(runtime, await driftSweepTimer(runtime)(timer, context('driftSweep').ctx));
    expect(sources).toEqual([SUBSCRIPTION_ID]);
    expect(t.sandbox.writes.map((w) => w.id)).toEqual([storageAccountId('stmine')]);

    // A subscription joins the tree (under a new child group); the next sweep, past the bound age, finds it.
    t.sandbox.managementGroups.addGroup('mg-new', 'mg-root');
    t.sandbox.managementGroups.place(OTHER_SUBSCRIPTION_ID, 'mg-new');
    clock.set(new Date(clock.now().getTime() + 6 * 60 * 60 * 1000));
    const batches = await driftSweepTimer(runtime)(timer, context('driftSweep').ctx);
    expect(batches).toEqual([{ kind: 'batch', runId: `sweep-${clock.now().toISOString()}`, subscriptions: [SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID].sort() }]);
    await drain(runtime, batches);
    expect(t.sandbox.writes.map((w) => w.id)).toEqual([storageAccountId('stmine'), storageAccountId('sttheirs', { subscriptionId: OTHER_SUBSCRIPTION_ID })]);
  });

  it('when the group cannot be resolved, sweeps only named subscriptions, logs an error, and candidates messages are retried rather than dropped', async () => {
    const { t, runtime } = groupSetup();
    t.sandbox.faults.serverError({ times: 1000, status: 503, match: ({ path }) => /resourcegraph/i.test(path) });
    const { ctx, lines } = context('driftSweep');
    expect(await driftSweepTimer(runtime)(timer, ctx)).toEqual([]);
    expect(lines.join('\n')).toMatch(/could not be resolved.*sweeping only the subscriptions named/);

    const message = { kind: 'candidates', runId: 'sweep-x', candidates: [{ resourceId: storageAccountId('stmine') }] };
    await expect(sweepSubscription(runtime)(message, context('sweepSubscription').ctx)).rejects.toMatchObject({ code: 'SCOPE_UNRESOLVED' });
    expect(t.sandbox.writes).toHaveLength(0);
  });
});

describe('candidates sent while Graph is still being read', () => {
  it('with a queue, a batch sends each page\'s candidates before it reads the next page, and nothing through the binding', async () => {
    const { runtime, t } = setup([SUBSCRIPTION_ID]);
    // 1,500 more accounts: two Graph pages of resources; a drifted one on each.
    for (let i = 0; i < 1500; i += 1) t.sandbox.set(storageAccount({ supportsHttpsTrafficOnly: i !== 10 && i !== 1400 }, { name: `stpage${String(i).padStart(5, '0')}` }));
    const graphReads = () => t.sandbox.calls.filter((c) => /resourcegraph/i.test(c.path)).length;
    const sent: { atGraphRead: number; messages: unknown[] }[] = [];
    const streaming: SweepRuntime = { ...runtime, sweepQueue: { send: async (messages) => void sent.push({ atGraphRead: graphReads(), messages: [...messages] }) } };
    const [batch] = await driftSweepTimer(streaming)(timer, context('driftSweep').ctx);
    const ctx = context('sweepSubscription').ctx;
    const result = await sweepSubscription(streaming)(batch, ctx);

    expect(result).toMatchObject({ kind: 'batch', candidates: 3, rows: 1501 + 0 });
    expect(ctx.extraOutputs.get(sweepQueueOutput)).toEqual([]);
    // Config table, then two pages of resources: the first page's candidates left before the second page was read.
    expect(graphReads()).toBe(3);
    expect(sent[0].atGraphRead).toBe(2);
    await drain(streaming, sent.flatMap((s) => s.messages));
    expect(t.sandbox.writes.map((w) => w.id).sort()).toEqual([storageAccountId('stmine'), storageAccountId('stpage00010'), storageAccountId('stpage01400')].sort());
  });
});
