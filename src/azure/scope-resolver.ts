import { isJsonObject } from '../core/json';
import { isSubscriptionId } from '../core/resource-id';
import type { ManagementGroupLister } from '../engine/scope';
import { graphQueryText, type GraphQuery, type ResourceGraph } from './resource-graph';

const SUBSCRIPTION_TYPE = 'microsoft.resources/subscriptions';

/**
 * The query that lists a management group's subscriptions: Graph's `resourcecontainers` table holds
 * one row per subscription (`/subscriptions/{id}`), and a query scoped to management groups answers
 * the subscriptions under them at any depth (Graph's default authorization scope filter,
 * AtScopeAndBelow). One query (a page per 1,000 subscriptions), whatever the tree's shape.
 */
export const SUBSCRIPTIONS_QUERY: GraphQuery = {
  table: 'resourcecontainers',
  types: [SUBSCRIPTION_TYPE],
  text: graphQueryText('resourcecontainers', [SUBSCRIPTION_TYPE]),
};

/**
 * Subscription states in which nothing can be fixed: ARM refuses writes in a disabled subscription
 * and a deleted one is going away, so sweeping them would only turn into failed, retried messages.
 */
const INACTIVE_STATES = new Set(['disabled', 'deleted']);

/** Lists the subscriptions under management groups through Resource Graph. */
export function graphManagementGroupLister(graph: ResourceGraph): ManagementGroupLister {
  return async (managementGroups) => {
    const subscriptions = new Set<string>();
    for await (const row of graph.query(SUBSCRIPTIONS_QUERY, { managementGroups })) {
      const id = subscriptionOf(row);
      if (id) subscriptions.add(id);
    }
    return [...subscriptions].sort();
  };
}

function subscriptionOf(row: unknown): string | undefined {
  if (!isJsonObject(row) || typeof row.id !== 'string') return undefined;
  const match = /^\/subscriptions\/([^/]+)$/i.exec(row.id);
  if (!match || !isSubscriptionId(match[1])) return undefined;
  const state = isJsonObject(row.properties) ? row.properties.state : undefined;
  if (typeof state === 'string' && INACTIVE_STATES.has(state.toLowerCase())) return undefined;
  return match[1].toLowerCase();
}
