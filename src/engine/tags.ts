import type { ArmObject } from '../controls/types';

/** Tag names transit-warden reads (DESIGN.md "Exemptions"); matched case-insensitively. */
export const TAGS = {
  exempt: 'transit-warden-exempt',
  exemptReason: 'transit-warden-exempt-reason',
  exemptUntil: 'transit-warden-exempt-until',
  mode: 'transit-warden-mode',
} as const;

export type TagMap = Record<string, string>;

/**
 * Where normalizeTags lists tag names given twice (differing only in case) with different values.
 * ARM tag names cannot hold `<` or `>`, so no real tag meets this key.
 */
const CONFLICTS_KEY = '<conflicting-tag-names>';

/**
 * Tags of an ARM object with lower-cased names; non-string values are dropped (ARM tags are strings).
 * Two names that differ only in case are one tag here, so their values must not be read first-wins:
 * for `transit-warden-mode` the more cautious value is kept (anything but `enforce` reads as
 * dry-run), and every such name is listed for conflictingTagNames, which makes an exemption built
 * on it invalid.
 */
export function normalizeTags(tags: unknown): TagMap {
  const result: TagMap = {};
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) return result;
  const conflicts = new Set<string>();
  for (const [name, value] of Object.entries(tags)) {
    if (typeof value !== 'string') continue;
    const key = name.toLowerCase();
    const earlier = Object.hasOwn(result, key) ? result[key] : undefined;
    if (earlier === undefined || earlier === value) {
      result[key] = value;
      continue;
    }
    conflicts.add(key);
    if (key === TAGS.mode && earlier.trim().toLowerCase() === 'enforce') result[key] = value;
  }
  if (conflicts.size > 0) result[CONFLICTS_KEY] = [...conflicts].join(' ');
  return result;
}

/** The tag names normalizeTags found twice with different values (tag names hold no spaces). */
export function conflictingTagNames(tags: TagMap): string[] {
  return Object.hasOwn(tags, CONFLICTS_KEY) ? tags[CONFLICTS_KEY].split(' ') : [];
}

export function tagsOf(resource: ArmObject): TagMap {
  return normalizeTags(resource.tags);
}
