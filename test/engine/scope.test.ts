import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, configFromEnv } from '../../src/config';
import { subscriptionScope } from '../../src/engine/scope';
import { isWardenError } from '../../src/errors';
import { OTHER_SUBSCRIPTION_ID, SUBSCRIPTION_ID } from '../fixtures/arm';
import { fixedClock } from '../helpers/sandbox-runtime';

const THIRD = '00000000-0000-0000-0000-0000000000cc';
const config = (over: Partial<typeof DEFAULT_CONFIG> = {}) => ({ ...DEFAULT_CONFIG, allowedSubscriptions: [SUBSCRIPTION_ID], allowedManagementGroups: ['mg-prod'], scopeMaxAgeSeconds: 60, ...over });

describe('subscription scope', () => {
  it('holds the named subscriptions and those the management groups resolve to, resolving once within the bound age', async () => {
    const calls: string[][] = [];
    const clock = fixedClock();
    const scope = subscriptionScope({ config: config(), clock, listManagementGroups: async (groups) => (calls.push([...groups]), [OTHER_SUBSCRIPTION_ID.toUpperCase()]) });

    expect(await scope.subscriptions()).toEqual([SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID].sort());
    expect(await scope.allows(OTHER_SUBSCRIPTION_ID)).toBe(true);
    expect(await scope.allows(THIRD)).toBe(false);
    expect(calls).toEqual([['mg-prod']]);
  });

  it('resolves again after the bound age, so a subscription added to a group is picked up and one moved out is dropped', async () => {
    let members = [OTHER_SUBSCRIPTION_ID];
    const clock = fixedClock();
    const scope = subscriptionScope({ config: config(), clock, listManagementGroups: async () => members });
    expect(await scope.allows(THIRD)).toBe(false);

    members = [THIRD];
    clock.set(new Date(clock.now().getTime() + 59_000));
    expect(await scope.allows(THIRD)).toBe(false); // still the cached answer
    clock.set(new Date(clock.now().getTime() + 2_000));
    expect(await scope.allows(THIRD)).toBe(true);
    expect(await scope.allows(OTHER_SUBSCRIPTION_ID)).toBe(false);
  });

  it('fails closed when the groups cannot be resolved: named subscriptions stay in scope, others raise SCOPE_UNRESOLVED', async () => {
    const scope = subscriptionScope({ config: config(), clock: fixedClock(), listManagementGroups: async () => { throw new Error('Graph is down'); } });
    expect(await scope.allows(SUBSCRIPTION_ID)).toBe(true);
    const error = await scope.allows(OTHER_SUBSCRIPTION_ID).catch((e: unknown) => e);
    expect(isWardenError(error, 'SCOPE_UNRESOLVED')).toBe(true);
    expect(String((error as Error).message)).toMatch(/mg-prod.*Graph is down/);
    await expect(scope.subscriptions()).rejects.toMatchObject({ code: 'SCOPE_UNRESOLVED' });
  });

  it('resolves once for a burst of questions', async () => {
    let calls = 0;
    const scope = subscriptionScope({
      config: config(), clock: fixedClock(),
      listManagementGroups: async () => { calls += 1; await new Promise((r) => setTimeout(r, 5)); return [OTHER_SUBSCRIPTION_ID]; },
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => scope.allows(OTHER_SUBSCRIPTION_ID)));
    expect(answers.every(Boolean)).toBe(true);
    expect(calls).toBe(1);
  });

  it('needs no resolver without management groups, and holds nothing when nothing is allowed', async () => {
    const named = subscriptionScope({ config: config({ allowedManagementGroups: [] }) });
    expect(named.hasManagementGroups).toBe(false);
    expect(await named.subscriptions()).toEqual([SUBSCRIPTION_ID]);
    const empty = subscriptionScope({ config: config({ allowedSubscriptions: [], allowedManagementGroups: [] }) });
    expect(await empty.subscriptions()).toEqual([]);
    expect(await empty.allows(SUBSCRIPTION_ID)).toBe(false);
  });
});

describe('TRANSIT_WARDEN_ALLOWED_SCOPES', () => {
  it('accepts subscription ids (bare or as ids) and management group ids, beside the old setting', () => {
    const parsed = configFromEnv({
      TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS: SUBSCRIPTION_ID,
      TRANSIT_WARDEN_ALLOWED_SCOPES: `/subscriptions/${OTHER_SUBSCRIPTION_ID.toUpperCase()}, ${SUBSCRIPTION_ID}, /providers/Microsoft.Management/managementGroups/MG-Prod`,
      TRANSIT_WARDEN_SCOPE_MAX_AGE_SECONDS: '120',
    });
    expect(parsed.allowedSubscriptions).toEqual([SUBSCRIPTION_ID, OTHER_SUBSCRIPTION_ID]);
    expect(parsed.allowedManagementGroups).toEqual(['mg-prod']);
    expect(parsed.scopeMaxAgeSeconds).toBe(120);
  });

  it('refuses an entry that is neither, naming the setting', () => {
    for (const bad of ['mg-prod', '/subscriptions/prod', '/providers/Microsoft.Management/managementGroups/', '/providers/Microsoft.Management/managementGroups/a/b']) {
      expect(() => configFromEnv({ TRANSIT_WARDEN_ALLOWED_SCOPES: bad })).toThrow(/TRANSIT_WARDEN_ALLOWED_SCOPES.*neither a subscription id nor a management group id/);
    }
  });

  it('keeps the old setting working alone, with no groups', () => {
    const parsed = configFromEnv({ TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS: SUBSCRIPTION_ID });
    expect(parsed.allowedSubscriptions).toEqual([SUBSCRIPTION_ID]);
    expect(parsed.allowedManagementGroups).toEqual([]);
  });
});
