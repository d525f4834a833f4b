import type { WardenConfig } from '../config';
import { WardenError, describeError } from '../errors';
import type { Clock } from './ports';

/**
 * Lists the subscriptions under management groups (lower-cased ids), however deep. In Azure this is
 * one Resource Graph query over `resourcecontainers` (src/azure/scope-resolver.ts).
 */
export type ManagementGroupLister = (managementGroups: readonly string[]) => Promise<string[]>;

/**
 * Which subscriptions transit-warden may act in. Explicitly named subscriptions are always in
 * scope; those under an allowed management group are resolved, cached for a bounded age, and
 * resolved again after it, so a subscription added to a group is picked up without a config change
 * and one moved out of it is dropped within that age.
 *
 * Fail closed: when the groups cannot be resolved (and no resolution younger than the bound is at
 * hand), a subscription that is not named explicitly is not in scope, and the caller is told
 * (SCOPE_UNRESOLVED) so that it retries rather than records the event or the sweep as done.
 */
export interface SubscriptionScope {
  /** Every subscription in scope now: the named ones and the resolved groups' (sorted, lower-cased). */
  subscriptions(): Promise<string[]>;
  /** Whether one subscription is in scope; throws SCOPE_UNRESOLVED when only the groups could say. */
  allows(subscriptionId: string): Promise<boolean>;
  /** Whether any management group is configured (a sweep then needs the groups resolved). */
  readonly hasManagementGroups: boolean;
}

export interface ScopeOptions {
  config: Pick<WardenConfig, 'allowedSubscriptions' | 'allowedManagementGroups' | 'scopeMaxAgeSeconds'>;
  /** Needed when management groups are configured. */
  listManagementGroups?: ManagementGroupLister;
  clock?: Clock;
}

export function subscriptionScope(options: ScopeOptions): SubscriptionScope {
  const named = new Set(options.config.allowedSubscriptions.map((s) => s.toLowerCase()));
  const groups = [...new Set(options.config.allowedManagementGroups.map((g) => g.toLowerCase()))].sort();
  const maxAgeMs = options.config.scopeMaxAgeSeconds * 1000;
  const now = (): number => (options.clock?.now() ?? new Date()).getTime();
  let cached: { at: number; members: Set<string> } | undefined;
  // One resolution at a time: a burst of events for new subscriptions resolves once, not once each.
  let inFlight: Promise<Set<string>> | undefined;

  async function members(): Promise<Set<string>> {
    if (groups.length === 0) return new Set();
    if (cached && now() - cached.at < maxAgeMs) return cached.members;
    const lister = options.listManagementGroups;
    if (!lister) throw new WardenError('INVALID_CONFIG', `management groups ${groups.join(', ')} are in scope but nothing can resolve them`);
    inFlight ??= (async () => {
      const startedAt = now();
      try {
        const listed = await lister(groups);
        const resolved = new Set(listed.map((s) => s.toLowerCase()));
        cached = { at: startedAt, members: resolved };
        return resolved;
      } catch (err) {
        throw new WardenError('SCOPE_UNRESOLVED', `the subscriptions under management group(s) ${groups.join(', ')} could not be resolved: ${describeError(err)}`, { managementGroups: groups }, { cause: err });
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  return {
    hasManagementGroups: groups.length > 0,
    async subscriptions() {
      const all = new Set(named);
      for (const s of await members()) all.add(s);
      return [...all].sort();
    },
    async allows(subscriptionId) {
      const id = subscriptionId.toLowerCase();
      if (named.has(id)) return true;
      return (await members()).has(id);
    },
  };
}
