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
 * Global → per control → per resource tag; the most cautious wins. A `transit-warden-mode` tag
 * with a value other than `dry-run` cannot loosen anything, and an unrecognised value is treated
 * as dry-run: a typo must fail safe.
 */
export function decideMode(control: ControlDefinition, config: WardenConfig, resourceTags: TagMap, groupTags: TagMap): ModeDecision {
  const candidates: ModeDecision[] = [
    { mode: config.mode, decidedBy: `global mode ${config.mode}` },
    config.controlModes[control.id]
      ? { mode: config.controlModes[control.id], decidedBy: `configured mode for ${control.id}` }
      : { mode: control.defaultMode, decidedBy: `default mode of ${control.id}` },
  ];
  if (!control.fix) candidates.push({ mode: 'report', decidedBy: `${control.id} has no automatic fix` });
  const tagSource = resourceTags[TAGS.mode] !== undefined ? 'resource' : groupTags[TAGS.mode] !== undefined ? 'resource group' : undefined;
  if (tagSource) {
    const value = (tagSource === 'resource' ? resourceTags : groupTags)[TAGS.mode].trim().toLowerCase();
    if (value !== 'enforce') {
      candidates.push({
        mode: 'dry-run',
        decidedBy: value === 'dry-run' ? `${TAGS.mode} tag on the ${tagSource}` : `unrecognised ${TAGS.mode} tag value on the ${tagSource} (treated as dry-run)`,
      });
    }
  }
  return candidates.reduce((most, next) => (CAUTION[next.mode] > CAUTION[most.mode] ? next : most));
}
