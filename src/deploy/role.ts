import type { ControlDefinition } from '../controls/types';
import { WardenError } from '../errors';
import { distinctIgnoringCase } from './case-insensitive';
import { PLATFORM_PERMISSIONS } from './platform-permissions';

/**
 * `Provider.Namespace/type[/...]/verb`: at least a namespace and one more segment, letters, digits,
 * dots, underscores and hyphens only — so a wildcard (`*`) or a stray space can never reach the role.
 */
const ACTION = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+(\/[A-Za-z0-9_.-]+)+$/;

/**
 * The actions of the custom role transit-warden is deployed with: the sorted union of every
 * control's permissions and the engine's own needs. ARM compares actions case-insensitively, so
 * duplicates that differ only in case collapse to the first spelling seen. Throws rather than grant
 * a wildcard: a role built from data must never be broader than the data.
 */
export function roleActions(catalog: readonly ControlDefinition[]): string[] {
  const actions: string[] = [];
  const add = (action: string, owner: string): void => {
    if (action.includes('*')) {
      throw new WardenError('INVALID_CONFIG', `${owner} asks for the wildcard action ${JSON.stringify(action)}; the role lists actions one by one`);
    }
    if (!ACTION.test(action)) {
      throw new WardenError('INVALID_CONFIG', `${owner} names ${JSON.stringify(action)}, which is not an ARM action (Namespace/type/verb)`);
    }
    actions.push(action);
  };
  for (const action of PLATFORM_PERMISSIONS) add(action, 'the platform');
  for (const control of catalog) {
    for (const action of control.permissions) add(action, `control ${control.id}`);
  }
  return distinctIgnoringCase(actions);
}
