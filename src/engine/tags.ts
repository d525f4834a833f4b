import type { ArmObject } from '../controls/types';

/** Tag names transit-warden reads (DESIGN.md "Exemptions"); matched case-insensitively. */
export const TAGS = {
  exempt: 'transit-warden-exempt',
  exemptReason: 'transit-warden-exempt-reason',
  exemptUntil: 'transit-warden-exempt-until',
  mode: 'transit-warden-mode',
} as const;

export type TagMap = Record<string, string>;

/** Tags of an ARM object with lower-cased names; non-string values are dropped (ARM tags are strings). */
export function normalizeTags(tags: unknown): TagMap {
  const result: TagMap = {};
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) return result;
  for (const [name, value] of Object.entries(tags)) {
    if (typeof value === 'string') result[name.toLowerCase()] = value;
  }
  return result;
}

export function tagsOf(resource: ArmObject): TagMap {
  return normalizeTags(resource.tags);
}
