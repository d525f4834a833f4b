import type { ArmObject, Json, JsonObject } from '../controls/types';
import { readPath } from '../controls/types';

/** Dotted leaf paths a PATCH body sets, e.g. ['properties.httpsOnly']. */
export function leafPaths(body: JsonObject, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) paths.push(...leafPaths(value, path));
    else paths.push(path);
  }
  return paths;
}

/**
 * The document's current values at the paths a patch sets, in the patch's own nested shape, so a
 * record's `before` is itself a valid PATCH body (what undo sends back). Absent values become null.
 */
export function valuesAt(document: ArmObject, patch: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const path of leafPaths(patch)) setPath(result, path, readPath(document, path) ?? null);
  return result;
}

/** A nested object holding one value at a dotted path. */
export function objectAt(path: string, value: Json): JsonObject {
  const result: JsonObject = {};
  setPath(result, path, value);
  return result;
}

function setPath(target: JsonObject, path: string, value: Json): void {
  const keys = path.split('.');
  let current = target;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[key] = {};
    current = current[key] as JsonObject;
  }
  current[keys[keys.length - 1]] = value;
}

/** A short human form of a patch for audit reasons: `properties.httpsOnly=true, ...`. */
export function describePatch(patch: JsonObject): string {
  return leafPaths(patch)
    .map((path) => `${path}=${JSON.stringify(readPath(patch, path))}`)
    .join(', ');
}
