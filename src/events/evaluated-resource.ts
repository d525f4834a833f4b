import type { ResourceId } from '../azure/resource-id';
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
  for (let depth = written.typeSegments.length; depth >= 1; depth--) {
    const type = `${written.provider}/${written.typeSegments.slice(0, depth).join('/')}`;
    const controls = controlsFor(catalog, type);
    if (controls.length === 0) continue;

    const remainder = written.typeSegments
      .slice(depth)
      .flatMap((typeSegment, i) => [typeSegment, written.names[depth + i]])
      .join('/');
    const childTargets = [...new Set(controls.map((c) => c.target).filter((t) => t !== SELF))];
    const readByAControl = remainder === '' || childTargets.some((t) => t.toLowerCase() === remainder.toLowerCase());
    if (!readByAControl) {
      const read = childTargets.length > 0 ? `controls read only ${childTargets.join(', ')}` : 'controls read only the resource itself';
      return { covered: false, reason: `a write to ${remainder} of ${type} cannot change a control (${read})` };
    }
    const pairs = written.typeSegments.slice(0, depth).map((t, i) => `${t}/${written.names[i]}`);
    const catalogSpelling = controls[0].resourceTypes.find((t) => sameType(t, type)) ?? type;
    return {
      covered: true,
      resourceId: `/subscriptions/${written.subscriptionId}/resourceGroups/${written.resourceGroup}/providers/${written.provider}/${pairs.join('/')}`,
      resourceType: catalogSpelling,
    };
  }
  return { covered: false, reason: `no control covers resource type ${written.type}` };
}
