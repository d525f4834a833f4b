import type { EffectiveMode } from '../audit/record';
import type { ControlDefinition } from '../controls/types';
import type { WardenConfig } from '../config';
import { TAGS, type TagMap } from './tags';

// Higher is more cautious: report never plans a fix, dry-run plans but never writes.
const CAUTION: Record<EffectiveMode, number> = { enforce: 0, 'dry-run': 1, report: 2 };

export interface ModeDecision {
  mode: EffectiveMode;
  /** Which setting decided it, for the audit reason. */
  decidedBy: string;
}

/**
 * Global → per control → per resource tag (the resource's or its group's); the most cautious wins.
 * A `transit-warden-mode` tag with a value other than `dry-run` cannot loosen anything, and an
 * unrecognised value is treated as dry-run: a typo must fail safe.
 */
export function decideMode(control: ControlDefinition, config: WardenConfig, resourceTags: TagMap, groupTags: TagMap): ModeDecision {
  const candidates: ModeDecision[] = [
    { mode: config.mode, decidedBy: `global mode ${config.mode}` },
    config.controlModes[control.id]
      ? { mode: config.controlModes[control.id], decidedBy: `configured mode for ${control.id}` }
      : { mode: control.defaultMode, decidedBy: `default mode of ${control.id}` },
  ];
  if (!control.fix) candidates.push({ mode: 'report', decidedBy: `${control.id} has no automatic fix` });
  // Both tags count: a resource tagged `enforce` must not escape its group's dry-run (the most
  // cautious wins; unlike exemptions, where the resource's own tags replace the group's).
  for (const [source, tags] of [['resource', resourceTags], ['resource group', groupTags]] as const) {
    const value = tags[TAGS.mode]?.trim().toLowerCase();
    if (value === undefined || value === 'enforce') continue;
    candidates.push({
      mode: 'dry-run',
      decidedBy: value === 'dry-run' ? `${TAGS.mode} tag on the ${source}` : `unrecognised ${TAGS.mode} tag value on the ${source} (treated as dry-run)`,
    });
  }
  return candidates.reduce((most, next) => (CAUTION[next.mode] > CAUTION[most.mode] ? next : most));
}
