import type { ControlDefinition } from '../controls/types';
import { SELF } from '../controls/types';
import { WardenError } from '../errors';
import { distinctIgnoringCase } from './case-insensitive';

/**
 * The only event type the subscription delivers: a write ARM accepted. Failed and cancelled writes
 * change nothing, and deletes leave nothing to fix. infra/eventgrid-topic.bicep and the onboarding
 * policy (src/deploy/policy.ts) both subscribe to exactly this list; test/infra checks both.
 */
export const INCLUDED_EVENT_TYPES: readonly string[] = Object.freeze(['Microsoft.Resources.ResourceWriteSuccess']);

/** The event field the subscription filters on, e.g. `Microsoft.Storage/storageAccounts/write`. */
export const OPERATION_KEY = 'data.operationName';

/**
 * Event Grid allows at most 25 filter values across all advanced filters of one subscription
 * (learn.microsoft.com/azure/event-grid/event-filtering#limitations). Filters AND together, so the
 * operations cannot be split into several StringIn filters: they must fit in one.
 */
export const EVENT_GRID_MAX_FILTER_VALUES = 25;

export type AdvancedFilter =
  | { operatorType: 'StringIn'; key: string; values: string[] }
  | { operatorType: 'StringBeginsWith'; key: string; values: string[] }
  | { operatorType: 'StringEndsWith'; key: string; values: string[] };

/**
 * The `data.operationName` values of the ARM writes the catalog handles: `T/write` for each
 * resource type T, and `T/<segment>/write` for each child target (`config` of `config/web`,
 * `configurations` of `configurations/require_secure_transport`) — ARM names a child write after
 * the child type, not the child's name (`Microsoft.Web/sites/config/write` for `.../config/web`).
 * An event's operationName is the RBAC action of the write, so when a control's permissions spell
 * that action the spelling is taken from there (`Microsoft.Cache/redis/write`, although ARM returns
 * the type as `Microsoft.Cache/Redis`); otherwise the type's spelling is kept. Event Grid compares
 * case-insensitively, so casing is for readers; duplicates differing in case collapse.
 */
export function writeOperations(catalog: readonly ControlDefinition[]): string[] {
  const actionSpelling = new Map<string, string>();
  for (const control of catalog) {
    for (const action of control.permissions) {
      if (!actionSpelling.has(action.toLowerCase())) actionSpelling.set(action.toLowerCase(), action);
    }
  }
  const operations: string[] = [];
  const add = (operation: string): void => {
    operations.push(actionSpelling.get(operation.toLowerCase()) ?? operation);
  };
  for (const control of catalog) {
    const segment = control.target === SELF ? undefined : control.target.split('/')[0];
    if (segment === '') throw new WardenError('INVALID_CONFIG', `control ${control.id} has the malformed target ${JSON.stringify(control.target)}`);
    for (const type of control.resourceTypes) {
      add(`${type}/write`);
      if (segment) add(`${type}/${segment}/write`);
    }
  }
  return distinctIgnoringCase(operations);
}

/**
 * The advanced filters of the Event Grid subscription. While the operations fit in one StringIn
 * filter (the whole catalog's do today) that is the filter: exact, so no unrelated write costs a
 * function execution. Past the limit it widens instead of failing the deployment: "begins with one
 * of the resource types" AND "ends with /write" — the handler maps child writes to their owner and
 * ignores types no control handles, so extra events cost executions, never correctness. Should even
 * the prefixes not fit, provider namespaces are used; beyond that it throws.
 */
export function advancedFilters(catalog: readonly ControlDefinition[]): AdvancedFilter[] {
  const operations = writeOperations(catalog);
  if (operations.length <= EVENT_GRID_MAX_FILTER_VALUES) {
    return [{ operatorType: 'StringIn', key: OPERATION_KEY, values: operations }];
  }
  // Every operation is `Namespace/type[/child]/write`: its first two segments name the top-level type.
  const typePrefixes = distinctIgnoringCase(operations.map((op) => `${op.split('/').slice(0, 2).join('/')}/`));
  const namespacePrefixes = distinctIgnoringCase(operations.map((op) => `${op.split('/')[0]}/`));
  for (const values of [typePrefixes, namespacePrefixes]) {
    if (values.length + 1 <= EVENT_GRID_MAX_FILTER_VALUES) {
      return [
        { operatorType: 'StringBeginsWith', key: OPERATION_KEY, values },
        { operatorType: 'StringEndsWith', key: OPERATION_KEY, values: ['/write'] },
      ];
    }
  }
  throw new WardenError('INVALID_CONFIG', `the catalog spans ${namespacePrefixes.length} provider namespaces; an Event Grid subscription filters on at most ${EVENT_GRID_MAX_FILTER_VALUES} values`);
}

/** Does an event with this operationName pass the filters? Event Grid compares strings case-insensitively. */
export function filtersMatch(filters: readonly AdvancedFilter[], operationName: string): boolean {
  const value = operationName.toLowerCase();
  return filters.every((filter) => {
    const values = filter.values.map((v) => v.toLowerCase());
    switch (filter.operatorType) {
      case 'StringIn': return values.includes(value);
      case 'StringBeginsWith': return values.some((v) => value.startsWith(v));
      case 'StringEndsWith': return values.some((v) => value.endsWith(v));
    }
  });
}

/** Total filter values, the figure Event Grid's limit counts. */
export function filterValueCount(filters: readonly AdvancedFilter[]): number {
  return filters.reduce((sum, filter) => sum + filter.values.length, 0);
}
