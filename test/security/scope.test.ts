/**
 * Events are hints from outside: one naming a resource outside the allowed subscriptions, or whose
 * fields disagree about where it comes from, must not cost a single ARM call — least of all a write.
 */
import { describe, expect, it } from 'vitest';
import { createIntake } from '../../src/events/intake';
import { catalog } from '../../src/controls';
import { OTHER_SUBSCRIPTION_ID, SUBSCRIPTION_ID, siteId, storageAccount, storageAccountId, webApp, resourceGroup } from '../fixtures/arm';
import { cloudWriteEvent, writeEvent } from '../events/samples';
import { sandboxEngine } from '../helpers/sandbox-runtime';

const foreignStorage = storageAccountId('stforeign', { subscriptionId: OTHER_SUBSCRIPTION_ID });
const foreignSite = siteId('app-foreign', { subscriptionId: OTHER_SUBSCRIPTION_ID });
const ownStorage = storageAccountId('stmine');

function setup() {
  // Non-compliant on both sides, so a call that slipped through would also write.
  const t = sandboxEngine([
    resourceGroup(),
    resourceGroup({ subscriptionId: OTHER_SUBSCRIPTION_ID }),
    storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'stmine' }),
    storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'stforeign', subscriptionId: OTHER_SUBSCRIPTION_ID }),
    ...webApp({ httpsOnly: false }, { minTlsVersion: '1.0' }, { name: 'app-foreign', subscriptionId: OTHER_SUBSCRIPTION_ID }),
  ], { config: { allowedSubscriptions: [SUBSCRIPTION_ID] } });
  const intake = createIntake({ engine: t.engine, config: { allowedSubscriptions: [SUBSCRIPTION_ID], ownIdentities: [] }, catalog });
  return { t, intake };
}

const foreign = (id: string, eventId: string) =>
  writeEvent(id, { id: eventId, topic: `/subscriptions/${OTHER_SUBSCRIPTION_ID}`, data: { subscriptionId: OTHER_SUBSCRIPTION_ID } });

describe('subscription scope', () => {
  it('makes no ARM call for write events from a subscription outside the allowed list', async () => {
    const { t, intake } = setup();
    const summary = await intake.handle([foreign(foreignStorage, 'ev-1'), foreign(foreignSite, 'ev-2'), foreign(`${foreignSite}/config/web`, 'ev-3')]);
    expect(summary.outOfScope).toHaveLength(3);
    expect(summary.outOfScope.every((s) => s.reason.includes('not in the allowed scopes'))).toBe(true);
    expect(t.sandbox.counts().total).toBe(0);
    expect(t.audit.size).toBe(0);
  });

  it('makes no ARM call for a CloudEvents write from a foreign subscription', async () => {
    const { t, intake } = setup();
    const summary = await intake.handle(cloudWriteEvent(foreignStorage, { id: 'ce-1', source: `/subscriptions/${OTHER_SUBSCRIPTION_ID}` }));
    expect(summary.evaluated).toBe(0);
    expect(t.sandbox.counts().total).toBe(0);
  });

  it('rejects an event whose topic claims an allowed subscription for a foreign resource, without calling ARM', async () => {
    const { t, intake } = setup();
    const spoofed = writeEvent(foreignStorage, { id: 'ev-spoof', topic: `/subscriptions/${SUBSCRIPTION_ID}`, data: { subscriptionId: OTHER_SUBSCRIPTION_ID } });
    const summary = await intake.handle(spoofed);
    expect(summary.rejected).toHaveLength(1);
    expect(t.sandbox.counts().total).toBe(0);
  });

  it('rejects an event whose subject names an allowed resource but whose resourceUri names a foreign one', async () => {
    const { t, intake } = setup();
    const event = foreign(foreignStorage, 'ev-mixed');
    event.subject = ownStorage;
    const summary = await intake.handle(event);
    expect(summary.rejected).toHaveLength(1);
    expect(t.sandbox.counts().total).toBe(0);
  });

  it('fails closed: with no allowed subscription nothing is in scope', async () => {
    const { t } = setup();
    const intake = createIntake({ engine: t.engine, config: { allowedSubscriptions: [], ownIdentities: [] }, catalog });
    const own = writeEvent(ownStorage, { id: 'ev-own', topic: `/subscriptions/${SUBSCRIPTION_ID}`, data: { subscriptionId: SUBSCRIPTION_ID } });
    const summary = await intake.handle(own);
    expect(summary.outOfScope).toHaveLength(1);
    expect(t.sandbox.counts().total).toBe(0);
  });

  it('still acts in the allowed subscription, so the checks above are not vacuous', async () => {
    const { t, intake } = setup();
    const own = writeEvent(ownStorage, { id: 'ev-own', topic: `/subscriptions/${SUBSCRIPTION_ID}`, data: { subscriptionId: SUBSCRIPTION_ID } });
    const summary = await intake.handle(own);
    expect(summary.evaluated).toBe(1);
    expect(t.sandbox.writes.map((w) => w.id.toLowerCase())).toEqual([ownStorage.toLowerCase()]);
  });
});
