import type { ControlDefinition } from './types';
import { controlsFor } from './types';
import { CONTROLS_BY_KIND } from '../kinds/generated/controls';
import { inKindOrder } from '../kinds/names';

export { CONTROLS_BY_KIND };

/**
 * The registry. The order is stable (kind order, then DESIGN.md's order within the kind: together
 * the order of DESIGN.md's control table) because reports, audit listings and the generated role
 * read it in this order.
 */
export const catalog: readonly ControlDefinition[] = Object.freeze(inKindOrder(CONTROLS_BY_KIND).flat());

export function controlById(id: string): ControlDefinition | undefined {
  return catalog.find((control) => control.id === id);
}

/** The controls that apply to an ARM type; ARM is inconsistent about case (`Microsoft.Cache/Redis`). */
export function controlsForType(resourceType: string): ControlDefinition[] {
  return controlsFor(catalog, resourceType);
}
