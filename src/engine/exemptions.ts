import type { ExemptionDetail } from '../audit/record';
import { parseInstant } from '../audit/query';
import { redactSecrets } from '../redact';
import { TAGS, conflictingTagNames, type TagMap } from './tags';

export const MIN_REASON_LENGTH = 10;
/** Of those visible characters, at least this many letters or digits: ten dots say nothing. */
export const MIN_REASON_ALPHANUMERIC = 5;
const EXEMPTION_TAGS: readonly string[] = [TAGS.exempt, TAGS.exemptReason, TAGS.exemptUntil];

/**
 * Characters a reader sees: not whitespace, not invisible format characters (zero-width spaces,
 * direction marks: \p{Cf}), not controls, and not combining marks, which only decorate another.
 */
function visibleCharacters(text: string): string[] {
  return [...text].filter((ch) => !/[\s\p{Cf}\p{Cc}\p{M}]/u.test(ch));
}

/** Why a reason is not enough, or null when it is. */
function reasonProblem(reason: string | null): string | null {
  const visible = visibleCharacters(reason ?? '');
  const alphanumeric = visible.filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length;
  if (visible.length >= MIN_REASON_LENGTH && alphanumeric >= MIN_REASON_ALPHANUMERIC) return null;
  return `exemption not honoured: ${TAGS.exemptReason} is required and must be at least ${MIN_REASON_LENGTH} characters long, not counting spaces, invisible or combining characters, with at least ${MIN_REASON_ALPHANUMERIC} letters or digits`;
}
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ResolvedExemption {
  detail: ExemptionDetail;
  /** Why it is not honoured (lapsed or invalid), for the audit reason; null when valid. */
  problem: string | null;
}

/**
 * The exemption that applies to one control, or undefined when no exempt tag names it.
 * The resource's own exemption tags win over its resource group's: if the resource carries
 * `transit-warden-exempt` at all, the group's exemption tags are not consulted, so a resource's
 * scope is never paired with a group's reason.
 */
export function resolveExemption(
  controlId: string,
  resourceTags: TagMap,
  groupTags: TagMap,
  now: Date,
): ResolvedExemption | undefined {
  const applicable = exemptTags(resourceTags, groupTags);
  if (!applicable) return undefined;
  const { source, tags, scope } = applicable;
  const ids = scopeIds(scope);
  // `*` with ids beside it (`*,storage-min-tls`) is neither form: it names every control, and is invalid for each.
  const mixesWildcard = scope !== '*' && ids.includes('*');
  if (scope !== '*' && !mixesWildcard && !ids.some((id) => id.toLowerCase() === controlId.toLowerCase())) return undefined;

  const reason = tags[TAGS.exemptReason]?.trim() || null;
  const untilTag = tags[TAGS.exemptUntil];
  const until = untilTag === undefined ? null : untilTag.trim();
  // Tag values go verbatim into audit records, reasons and `check` output, and a tag is easy to
  // paste a key into: what is kept or quoted is masked (src/redact.ts). The rules read the values.
  const shown = {
    scope: redactSecrets(scope),
    reason: reason === null ? null : redactSecrets(reason),
    until: until === null ? null : redactSecrets(until),
  };
  const detail = (status: ExemptionDetail['status']): ExemptionDetail => ({ source, ...shown, status });
  const invalid = (problem: string): ResolvedExemption => ({ detail: detail('invalid'), problem });

  const conflicting = conflictingTagNames(tags).filter((name) => EXEMPTION_TAGS.includes(name));
  if (conflicting.length > 0) {
    return invalid(`exemption not honoured: ${conflicting.join(', ')} is given more than once with different values (names differing only in case)`);
  }
  if (mixesWildcard) return invalid(`exemption not honoured: ${TAGS.exempt} must be * alone or a list of control ids, got ${JSON.stringify(shown.scope)}`);
  const weakReason = reasonProblem(reason);
  if (weakReason) return invalid(weakReason);
  if (until !== null) {
    // A plain date only: parseInstant also takes date-times, which the tag contract does not.
    const lastDay = DATE.test(until) ? parseInstant(until) : undefined;
    if (lastDay === undefined) {
      return { detail: detail('invalid'), problem: `exemption not honoured: ${TAGS.exemptUntil} must be a date YYYY-MM-DD, got ${JSON.stringify(shown.until)}` };
    }
    // Inclusive: the exemption holds through the whole UTC day it names.
    if (now.getTime() >= lastDay + DAY_MS) {
      return { detail: detail('lapsed'), problem: `exemption lapsed after ${until} (UTC)` };
    }
  }
  return { detail: detail('valid'), problem: null };
}

/**
 * Control ids the applicable `transit-warden-exempt` tag names that `knownIds` does not have: a typo
 * (`storage-min-tl`) exempts nothing, and the record of the fix that follows should say why.
 */
export function unknownExemptIds(resourceTags: TagMap, groupTags: TagMap, knownIds: ReadonlySet<string>): string[] {
  const scope = exemptTags(resourceTags, groupTags)?.scope;
  if (scope === undefined || scope === '*') return [];
  // Quoted in the record's reason (a typo note): masked like every tag value that is shown.
  return scopeIds(scope).filter((id) => !knownIds.has(id.toLowerCase())).map(redactSecrets);
}

/** The exemption tags that apply: the resource's if it carries `transit-warden-exempt`, else its group's. */
function exemptTags(resourceTags: TagMap, groupTags: TagMap): { source: ExemptionDetail['source']; tags: TagMap; scope: string } | undefined {
  if (resourceTags[TAGS.exempt] !== undefined) return { source: 'resource', tags: resourceTags, scope: resourceTags[TAGS.exempt].trim() };
  if (groupTags[TAGS.exempt] !== undefined) return { source: 'resource-group', tags: groupTags, scope: groupTags[TAGS.exempt].trim() };
  return undefined;
}

/** The control ids a comma-separated `transit-warden-exempt` value names, as written. */
function scopeIds(scope: string): string[] {
  return scope.split(',').map((id) => id.trim()).filter((id) => id !== '');
}
