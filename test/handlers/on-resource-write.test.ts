import { InvocationContext, type EventGridEvent } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { createIntake } from '../../src/events/intake';
import { onResourceWrite } from '../../src/handlers/on-resource-write';
import { fakeEngine } from '../events/fake-engine';
import { sample, SITE_ID, STORAGE_ID, SUBSCRIPTION, TEST_CATALOG, writeEvent } from '../events/samples';

function runtimeWithFakeEngine() {
  const engine = fakeEngine();
  const intake = createIntake({ engine, catalog: TEST_CATALOG, config: { allowedSubscriptions: [SUBSCRIPTION], ownIdentities: [] } });
  return { engine, runtime: { intake } };
}

function contextCapturingLogs(): { context: InvocationContext; logs: Array<{ level: string; text: string }> } {
  const logs: Array<{ level: string; text: string }> = [];
  const context = new InvocationContext({
    functionName: 'onResourceWrite',
    logHandler: (level, ...args) => logs.push({ level, text: args.map(String).join(' ') }),
  });
  return { context, logs };
}

const asEvent = (value: unknown): EventGridEvent => value as EventGridEvent;

describe('onResourceWrite', () => {
  it('hands the Event Grid event to the engine through the intake', async () => {
    const { engine, runtime } = runtimeWithFakeEngine();
    const handler = onResourceWrite(runtime);
    await handler(asEvent(sample('SYNTHESIZED-appservice-config-web-write-egschema.json')), new InvocationContext());
    expect(engine.requests).toEqual([expect.objectContaining({ resourceId: SITE_ID, trigger: 'event' })]);
  });

  it('logs one summary line', async () => {
    const { runtime } = runtimeWithFakeEngine();
    const { context, logs } = contextCapturingLogs();
    await onResourceWrite(runtime)(asEvent(writeEvent(STORAGE_ID)), context);
    expect(logs).toEqual([{ level: 'information', text: expect.stringMatching(/^evaluated 1 resource\(s\), 1 audit record\(s\); ignored 0, rejected 0/) }]);
    expect(logs[0].text).not.toContain('\n');
  });

  it('does not throw for a malformed event (a retry would be as malformed) and logs why it was dropped', async () => {
    const { engine, runtime } = runtimeWithFakeEngine();
    const { context, logs } = contextCapturingLogs();
    await expect(onResourceWrite(runtime)(asEvent(writeEvent(`${SITE_ID}/%2e%2e`, { id: 'bad-1' })), context)).resolves.toBeUndefined();
    expect(engine.requests).toEqual([]);
    expect(logs[0].text).toMatch(/rejected bad-1: .*forbidden character/);
  });

  it('throws when the engine throws, so Event Grid retries the delivery', async () => {
    const { engine, runtime } = runtimeWithFakeEngine();
    const outage = new Error('audit store unreachable');
    engine.failWith = outage;
    const { context, logs } = contextCapturingLogs();
    await expect(onResourceWrite(runtime)(asEvent(writeEvent(STORAGE_ID)), context)).rejects.toBe(outage);
    expect(logs).toEqual([{ level: 'error', text: expect.stringContaining('audit store unreachable') }]);
  });

  it('builds a lazily supplied runtime on the first event, not when the handler is created', async () => {
    const { engine, runtime } = runtimeWithFakeEngine();
    let built = 0;
    const handler = onResourceWrite(() => { built += 1; return runtime; });
    expect(built).toBe(0);
    await handler(asEvent(writeEvent(STORAGE_ID)), new InvocationContext());
    expect(built).toBe(1);
    expect(engine.requests).toHaveLength(1);
  });
});
