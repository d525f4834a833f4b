import { isSubscriptionId } from '../core/resource-id';
import { WardenError } from '../errors';

/** A management group as the sandbox models it: a parent (none for a root) and subscriptions placed directly in it. */
export interface ManagementGroupSpec {
  parent?: string;
  subscriptions?: readonly string[];
}

/**
 * The sandbox's management-group tree, for Resource Graph queries scoped to management groups and
 * the `resourcecontainers` rows of subscriptions. Names compare case-insensitively, as ARM's do. A
 * subscription sits in at most one group, as in Azure; placing it again moves it.
 */
export class ManagementGroupTree {
  private readonly parents = new Map<string, string | undefined>();
  private readonly placement = new Map<string, string>();

  constructor(groups: Readonly<Record<string, ManagementGroupSpec>> = {}) {
    for (const [name, spec] of Object.entries(groups)) this.addGroup(name, spec.parent);
    for (const [name, spec] of Object.entries(groups)) for (const s of spec.subscriptions ?? []) this.place(s, name);
  }

  /** Adds a group (its parent may be added later, but must exist before the tree is queried). */
  addGroup(name: string, parent?: string): void {
    const key = name.toLowerCase();
    if (!/^[A-Za-z0-9_().-]{1,90}$/.test(name)) throw new WardenError('INVALID_INPUT', `management group name ${JSON.stringify(name)} is not valid`);
    this.parents.set(key, parent?.toLowerCase());
  }

  /** Places a subscription directly under a group (moving it if it was elsewhere). */
  place(subscriptionId: string, group: string): void {
    if (!isSubscriptionId(subscriptionId)) throw new WardenError('INVALID_INPUT', `${JSON.stringify(subscriptionId)} is not a subscription id`);
    if (!this.parents.has(group.toLowerCase())) throw new WardenError('INVALID_INPUT', `no management group ${JSON.stringify(group)}`);
    this.placement.set(subscriptionId.toLowerCase(), group.toLowerCase());
  }

  has(group: string): boolean {
    return this.parents.has(group.toLowerCase());
  }

  /** The group a subscription sits in and its ancestors, nearest first (empty when it is in none). */
  ancestorsOf(subscriptionId: string): string[] {
    const chain: string[] = [];
    const seen = new Set<string>();
    let group = this.placement.get(subscriptionId.toLowerCase());
    while (group !== undefined && !seen.has(group)) {
      chain.push(group);
      seen.add(group);
      group = this.parents.get(group);
    }
    return chain;
  }

  /** Subscriptions under any of `groups`, at any depth (lower-cased, sorted). */
  subscriptionsUnder(groups: readonly string[]): string[] {
    const wanted = new Set(groups.map((g) => g.toLowerCase()));
    return [...this.placement.keys()].filter((s) => this.ancestorsOf(s).some((g) => wanted.has(g))).sort();
  }
}
