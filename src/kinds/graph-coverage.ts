import type { ControlDefinition } from '../controls/types';
import { FACTS_BY_KIND } from './generated/facts';

/** Lower-cased ARM types Resource Graph holds no rows of (each kind's facts say where that is documented). */
export const GRAPH_ABSENT_TYPES: ReadonlySet<string> = new Set(
  Object.values(FACTS_BY_KIND).flatMap((facts) => facts.types.filter((t) => t.absentFromResourceGraph !== undefined).map((t) => t.type.toLowerCase())),
);

/** The controls a Graph sweep cannot find candidates for: every type they judge is absent from Graph. */
export function controlsOutsideGraph(catalog: readonly ControlDefinition[]): ControlDefinition[] {
  return catalog.filter((control) => control.resourceTypes.every((type) => GRAPH_ABSENT_TYPES.has(type.toLowerCase())));
}
