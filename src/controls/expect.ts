import { fail, pass, readPath, type ArmObject, type Json, type Verdict } from './types';

/**
 * The two shapes of check the transit controls need. Both compare with `===` on purpose: ARM
 * returns typed JSON, so `"true"` or `1` where a boolean belongs is not compliant, and an absent or
 * null value fails (a config document that omits the field says nothing about what is enforced).
 */

/** Compliant only when the value at `path` is exactly `expected`. */
export function requireValue(document: ArmObject, path: string, expected: string | boolean): Verdict {
  const actual = readPath(document, path);
  return actual === expected ? pass() : fail(path, actual, expected);
}

/**
 * Compliant when the value at `path` is one of `accepted` (so a stricter value such as TLS 1.3 is
 * left alone). A failure reports `fixValue` as expected: it is what the fix would write.
 */
export function requireOneOf(document: ArmObject, path: string, accepted: readonly string[], fixValue: string): Verdict {
  const actual = readPath(document, path);
  if (typeof actual === 'string' && accepted.includes(actual)) return pass();
  return fail(path, actual, fixValue, `${path} is ${show(actual)}, expected one of ${accepted.map((v) => show(v)).join(', ')}`);
}

function show(value: Json | undefined): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}
