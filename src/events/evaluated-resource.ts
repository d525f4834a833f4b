import { selfAndAncestors, type ResourceId } from '../core/resource-id';
import { SELF, controlsFor, sameType, type ControlDefinition } from '../controls/types';

/**
 * What the event intake needs to know about the catalog: which resource types controls cover and
 * which child documents they read. Typed narrowly so the intake does not depend on whole controls.
 */
export type EventCatalog = readonly Pick<ControlDefinition, 'resourceTypes' | 'target'>[];

export type EvaluatedResource =
  | { covered: true; resourceId: string; resourceType: string }
  | { covered: false; reason: string };

/**
 * Maps a written resource id to the resource the controls evaluate. Rule: walk up the id to the
 * nearest type the catalog covers (types compared case-insensitively); what is left below it must
 * be empty (the resource itself was written) or equal one of that type's control targets, e.g.
 * `…/sites/x/config/web` → site x. A child write no control reads (`…/config/appsettings`) is not
 * covered, so it costs no ARM call.
 */
export function evaluatedResourceOf(written: ResourceId, catalog: EventCatalog): EvaluatedResource {
  for (const { resource, below } of selfAndAncestors(written)) {
    const controls = controlsFor(catalog, resource.type);
    if (controls.length === 0) continue;

    const childTargets = [...new Set(controls.map((c) => c.target).filter((t) => t !== SELF))];
    const readByAControl = below === '' || childTargets.some((t) => t.toLowerCase() === below.toLowerCase());
    if (!readByAControl) {
      const read = childTargets.length > 0 ? `controls read only ${childTargets.join(', ')}` : 'controls read only the resource itself';
      return { covered: false, reason: `a write to ${below} of ${resource.type} cannot change a control (${read})` };
    }
    const catalogSpelling = controls[0].resourceTypes.find((t) => sameType(t, resource.type)) ?? resource.type;
    return { covered: true, resourceId: resource.id, resourceType: catalogSpelling };
  }
  return { covered: false, reason: `no control covers resource type ${written.type}` };
}
