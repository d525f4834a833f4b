import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createIntake, type IntakeOptions } from '../../src/events/intake';
import { subscriptionScope } from '../../src/engine/scope';
import { fakeEngine, recordFor, type FakeEngine } from './fake-engine';
import { OTHER_SUBSCRIPTION, sample, SITE_ID, STORAGE_ID, SUBSCRIPTION, TEST_CATALOG, writeEvent } from './samples';

const OID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const WARDEN_OID = '5f1d2c3b-aaaa-4bbb-8ccc-123456789abc';
const WARDEN_APP_ID = '9e8d7c6b-dddd-4eee-8fff-abcdef012345';

function setup(overrides: Partial<IntakeOptions> & { allowed?: string[] } = {}): { engine: FakeEngine; intake: ReturnType<typeof createIntake> } {
  const engine = fakeEngine();
  const intake = createIntake({
    engine,
    catalog: TEST_CATALOG,
    config: { allowedSubscriptions: overrides.allowed ?? [SUBSCRIPTION], ownIdentities: [WARDEN_OID, WARDEN_APP_ID] },
    ...overrides,
  });
  return { engine, intake };
}

describe('createIntake', () => {
  it('asks the engine to evaluate the owning resource of an accepted write, with the event as occurrence', async () => {
    const { engine, intake } = setup();
    const summary = await intake.handle(sample('SYNTHESIZED-appservice-config-web-write-egschema.json'));
    expect(engine.requests).toEqual([
      {
        resourceId: SITE_ID,
        trigger: 'event',
        occurrence: '00000000-0000-0000-0000-000000000001',
        eventId: '00000000-0000-0000-0000-000000000001',
        correlationId: '{ID}',
        actor: '{caller}',
      },
    ]);
    expect(summary.evaluated).toBe(1);
    expect(summary.records).toEqual([recordFor(engine.requests[0])]);
  });

  it('concatenates the records of every evaluation in a batch, in event order', async () => {
    const { engine, intake } = setup();
    const summary = await intake.handle([writeEvent(STORAGE_ID, { id: 'e1' }), writeEvent(`${SITE_ID}/config/web`, { id: 'e2' })]);
    expect(summary.records.map((r) => r.resourceId)).toEqual([STORAGE_ID, SITE_ID]);
    expect(engine.requests).toHaveLength(2);
  });

  it('passes a Resource Notifications write on with no actor', async () => {
    const { engine, intake } = setup();
    await intake.handle(sample('arn-createdorupdated-egschema.json'));
    expect(engine.requests).toEqual([expect.objectContaining({ resourceId: STORAGE_ID, actor: null, correlationId: null })]);
  });

  it('makes no engine call for an appsettings write, and says why', async () => {
    const { engine, intake } = setup();
    const summary = await intake.handle(writeEvent(`${SITE_ID}/config/appsettings`));
    expect(engine.requests).toEqual([]);
    expect(summary.ignored).toEqual([{ eventId: expect.any(String), reason: expect.stringMatching(/appsettings/) }]);
  });

  it('makes no engine call for a rejected event, and reports it', async () => {
    const { engine, intake } = setup();
    const summary = await intake.handle(writeEvent(`${SITE_ID}/../other`));
    expect(engine.requests).toEqual([]);
    expect(summary.rejected).toHaveLength(1);
  });

  describe('scope', () => {
    it('drops and counts a write in a subscription that is not allowed', async () => {
      const { engine, intake } = setup({ allowed: [OTHER_SUBSCRIPTION] });
      const summary = await intake.handle(writeEvent(STORAGE_ID));
      expect(engine.requests).toEqual([]);
      expect(summary.outOfScope).toEqual([{ eventId: expect.any(String), reason: expect.stringContaining(SUBSCRIPTION) }]);
      expect(summary.evaluated).toBe(0);
    });

    it('fails closed: with no allowed subscription, nothing is evaluated', async () => {
      const { engine, intake } = setup({ allowed: [] });
      const summary = await intake.handle(writeEvent(STORAGE_ID));
      expect(engine.requests).toEqual([]);
      expect(summary.outOfScope).toHaveLength(1);
    });

    it('evaluates a write in a subscription under an allowed management group', async () => {
      const scope = subscriptionScope({
        config: { allowedSubscriptions: [], allowedManagementGroups: ['mg-prod'], scopeMaxAgeSeconds: 300 },
        listManagementGroups: async () => [SUBSCRIPTION],
      });
      const { engine, intake } = setup({ allowed: [], scope });
      const summary = await intake.handle(writeEvent(STORAGE_ID));
      expect(engine.requests).toEqual([expect.objectContaining({ resourceId: STORAGE_ID })]);
      expect(summary.outOfScope).toEqual([]);
    });

    it('rejects the delivery when the management groups cannot be resolved, so Event Grid redelivers it', async () => {
      const scope = subscriptionScope({
        config: { allowedSubscriptions: [], allowedManagementGroups: ['mg-prod'], scopeMaxAgeSeconds: 300 },
        listManagementGroups: async () => { throw new Error('Graph unavailable'); },
      });
      const { engine, intake } = setup({ allowed: [], scope });
      await expect(intake.handle(writeEvent(STORAGE_ID))).rejects.toMatchObject({ code: 'SCOPE_UNRESOLVED' });
      expect(engine.requests).toEqual([]);
    });

    it('compares subscriptions case-insensitively', async () => {
      const { engine, intake } = setup({ allowed: [SUBSCRIPTION.toUpperCase()] });
      await intake.handle(writeEvent(STORAGE_ID));
      expect(engine.requests).toHaveLength(1);
    });
  });

  describe('own writes', () => {
    it.each([
      ['object id', { [OID]: WARDEN_OID.toUpperCase(), appid: 'someone-else' }],
      ['app id', { [OID]: 'someone-else', appid: WARDEN_APP_ID }],
    ])('a write whose %s is transit-warden’s own is not evaluated again', async (_name, claims) => {
      const { engine, intake } = setup();
      const summary = await intake.handle(writeEvent(STORAGE_ID, { claims }));
      expect(engine.requests).toEqual([]);
      expect(summary.ownWrites).toEqual([{ eventId: expect.any(String), reason: expect.stringMatching(/own identity/) }]);
    });

    it('a write by someone else is evaluated', async () => {
      const { engine, intake } = setup();
      await intake.handle(writeEvent(STORAGE_ID, { claims: { [OID]: 'another-oid', appid: 'another-app', [UPN]: 'ada@contoso.com' } }));
      expect(engine.requests).toEqual([expect.objectContaining({ actor: 'ada@contoso.com' })]);
    });
  });

  describe('duplicates', () => {
    it('the same event twice in one batch yields one evaluation', async () => {
      const { engine, intake } = setup();
      const event = writeEvent(STORAGE_ID);
      const summary = await intake.handle([event, event]);
      expect(engine.requests).toHaveLength(1);
      expect(summary.duplicates).toHaveLength(1);
      expect(summary.records).toHaveLength(1);
    });

    it('a redelivered event yields no second evaluation', async () => {
      const { engine, intake } = setup();
      await intake.handle(writeEvent(STORAGE_ID));
      const second = await intake.handle(writeEvent(STORAGE_ID));
      expect(engine.requests).toHaveLength(1);
      expect(second).toMatchObject({ evaluated: 0, records: [], duplicates: [{ eventId: expect.any(String), reason: expect.any(String) }] });
    });

    it('a delivery arriving while the first is still being evaluated is a duplicate', async () => {
      const { engine, intake } = setup();
      let release = (): void => undefined;
      engine.gate = new Promise((resolve) => { release = resolve; });
      const first = intake.handle(writeEvent(STORAGE_ID));
      const second = await intake.handle(writeEvent(STORAGE_ID));
      release();
      await first;
      expect(engine.requests).toHaveLength(1);
      expect(second.duplicates).toHaveLength(1);
    });

    it('scopes an event id to its resource: a forged event reusing a genuine id for another resource pre-empts nothing', async () => {
      const { engine, intake } = setup();
      const forged = writeEvent(SITE_ID, { id: 'genuine-id' });
      const genuine = writeEvent(STORAGE_ID, { id: 'genuine-id' });
      const summary = await intake.handle([forged, genuine]);
      expect(engine.requests.map((r) => r.resourceId)).toEqual([SITE_ID, STORAGE_ID]);
      expect(summary.duplicates).toEqual([]);
      const redelivered = await intake.handle(genuine);
      expect(redelivered.duplicates).toEqual([{ eventId: 'genuine-id', reason: `event already evaluated (${STORAGE_ID})` }]);
    });

    it('evaluates a resource once per delivery, however many distinct events name it', async () => {
      const { engine, intake } = setup();
      const burst = Array.from({ length: 4999 }, (_, i) => writeEvent(STORAGE_ID, { id: `burst-${i}` }));
      const summary = await intake.handle([...burst, writeEvent(SITE_ID, { id: 'site-1' })]);
      expect(engine.requests.map((r) => r.eventId)).toEqual(['burst-0', 'site-1']);
      expect(summary.evaluated).toBe(2);
      expect(summary.records).toHaveLength(2);
      expect(summary.duplicates).toHaveLength(4998);
      expect(summary.duplicates[0]).toEqual({ eventId: 'burst-1', reason: `resource already evaluated for event burst-0 in this delivery (${STORAGE_ID})` });
    });

    it('forgets the oldest events beyond its capacity (the audit store still de-duplicates those)', async () => {
      const { engine, intake } = setup({ recentEventCapacity: 1 });
      await intake.handle(writeEvent(STORAGE_ID, { id: 'a' }));
      await intake.handle(writeEvent(STORAGE_ID, { id: 'b' }));
      await intake.handle(writeEvent(STORAGE_ID, { id: 'a' }));
      expect(engine.requests.map((r) => r.eventId)).toEqual(['a', 'b', 'a']);
    });
  });

  describe('engine failures', () => {
    it('rejects with the engine’s error, and the retried delivery is evaluated again', async () => {
      const { engine, intake } = setup();
      const outage = new Error('ARM unreachable');
      engine.failWith = outage;
      await expect(intake.handle(writeEvent(STORAGE_ID))).rejects.toBe(outage);
      engine.failWith = undefined;
      const retry = await intake.handle(writeEvent(STORAGE_ID));
      expect(engine.requests).toHaveLength(2);
      expect(retry.evaluated).toBe(1);
    });
  });

  describe('logging', () => {
    function capture(): { logger: pino.Logger; lines: () => Array<Record<string, unknown>>; text: () => string } {
      let text = '';
      const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } });
      const logger = pino({ level: 'debug' }, stream);
      return { logger, text: () => text, lines: () => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
    }

    it('logs rejected events at warn and ignored ones at debug, with the event id and reason', async () => {
      const log = capture();
      const { intake } = setup({ logger: log.logger });
      await intake.handle([writeEvent(`${SITE_ID}/config/appsettings`, { id: 'ignored-1' }), writeEvent(`${SITE_ID}/%2e%2e`, { id: 'rejected-1' })]);
      expect(log.lines()).toEqual(expect.arrayContaining([
        expect.objectContaining({ level: 20, eventId: 'ignored-1', reason: expect.any(String) }),
        expect.objectContaining({ level: 40, eventId: 'rejected-1', reason: expect.any(String) }),
      ]));
    });

    it('never logs claims', async () => {
      const log = capture();
      const { intake } = setup({ logger: log.logger, allowed: [] });
      await intake.handle([
        writeEvent(STORAGE_ID, { id: 'x1', claims: { [UPN]: 'secret-upn@contoso.com', aio: 'token-ish-value' } }),
        writeEvent(`${SITE_ID}/%2e%2e`, { id: 'x2', claims: { aio: 'token-ish-value' } }),
      ]);
      expect(log.text()).not.toBe('');
      expect(log.text()).not.toContain('secret-upn');
      expect(log.text()).not.toContain('token-ish-value');
    });
  });
});
