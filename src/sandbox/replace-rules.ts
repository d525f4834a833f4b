import { isDeepStrictEqual } from 'node:util';
import type { Json, JsonObject } from '../controls/types';
import { cloneJson } from '../core/json';
import { ARM_ERROR, armError, type SandboxReply } from './arm-errors';
import { isAtOrUnder, isObject, leaves } from './json';
import { checkPatchBody } from './patch-rules';
import type { SandboxType } from './kinds';

/** Keys ARM sets on a resource itself; a PUT body may echo them (as a document just read does) but never changes them. */
const IDENTITY_KEYS = new Set(['id', 'name', 'type', 'systemData', 'etag']);

/** The document without what a writer cannot set: identity keys and the type's readOnly paths (ARM ignores both in a PUT). */
function writablePart(document: JsonObject, rule: SandboxType): JsonObject {
  const copy = cloneJson(document);
  for (const key of IDENTITY_KEYS) delete copy[key];
  for (const path of rule.readOnly) removePath(copy, path.split('.'));
  return copy;
}

function removePath(object: JsonObject, keys: string[]): void {
  const [first, ...rest] = keys;
  if (first === undefined || !(first in object)) return;
  if (rest.length === 0) {
    delete object[first];
    return;
  }
  const child = object[first];
  if (isObject(child)) removePath(child, rest);
}

/** Leaf values by dotted path (arrays and `tags` are leaves, as in a merge patch). */
function leafMap(document: JsonObject): Map<string, Json> {
  return new Map(leaves(document).map((leaf) => [leaf.path, leaf.value]));
}

/** `{a:{b:value}}` merged into `patch` for the path `a.b`. */
function setPath(patch: JsonObject, path: string, value: Json): void {
  const keys = path.split('.');
  let at = patch;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    at = isObject(next) ? next : (at[key] = {});
  }
  at[keys[keys.length - 1]] = value;
}

export interface ReplaceCheck {
  /** The new stored document: the body, with ARM's own keys and readOnly values kept from the stored one. */
  document: JsonObject;
  /** What the PUT changed, as the merge patch it amounts to (removed values as null). */
  changed: JsonObject;
}

/**
 * Checks a PUT of an existing resource against the spec's PUT model, for the one kind of PUT the
 * product sends: the document just read, with only the properties a control owns changed. What the
 * body changes — including what it leaves out, which a PUT resets — must be writable in the PUT
 * model with a value the spec allows. Returns ARM's 400, or the document to store.
 */
export function checkReplaceBody(body: JsonObject, stored: JsonObject, rule: SandboxType): SandboxReply | ReplaceCheck {
  const replace = rule.replace;
  if (!replace) return armError(405, ARM_ERROR.methodNotAllowed, `PUT ${rule.type} refused: the sandbox serves PUT only where the spec's update model lacks a property.`);
  const before = leafMap(writablePart(stored, rule));
  const after = leafMap(writablePart(body, rule));
  const changed: JsonObject = {};
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const value = after.get(path);
    if (isDeepStrictEqual(before.get(path), value)) continue;
    // ARM's own keys below the root (a location written differently, say) count like any other change.
    setPath(changed, path, value === undefined ? null : value);
  }
  const removed = leaves(changed).filter((leaf) => leaf.value === null).map((leaf) => leaf.path);
  const resetsSomething = removed.find((path) => !replace.writable.some((w) => isAtOrUnder(path, w)) && path !== 'tags');
  if (resetsSomething !== undefined) {
    return armError(
      400,
      ARM_ERROR.invalidContent,
      `The request content was invalid: a PUT of ${rule.type} replaces the whole resource, and this one leaves out '${resetsSomething}', which would reset it. Send the document as read, with only the property to change.`,
    );
  }
  const asPatch: SandboxType = { ...rule, writable: replace.writable, values: replace.values, topLevel: replace.topLevel };
  const invalid = checkPatchBody(changed, asPatch);
  if (invalid) return invalid;
  const document = cloneJson(body);
  for (const key of IDENTITY_KEYS) {
    if (key in stored) document[key] = cloneJson(stored[key]);
    else delete document[key];
  }
  for (const path of rule.readOnly) {
    const value = leafMap(stored).get(path);
    if (value !== undefined) setPath(document, path, cloneJson(value));
  }
  return { document, changed };
}
