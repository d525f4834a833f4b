import type { ArmObject, Json, JsonObject } from '../controls/types';

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
  return valuesUnder(document, patch);
}

/**
 * Walks the patch and the document key by key rather than by dotted path: a key may itself hold dots
 * (API Management's `customProperties` are named `Microsoft.WindowsAzure.ApiManagement.…`), and a
 * dotted path would read and build the wrong nesting for it.
 */
function valuesUnder(document: Json | undefined, patch: JsonObject): JsonObject {
  const result: JsonObject = {};
  const here = document !== null && typeof document === 'object' && !Array.isArray(document) ? document : undefined;
  for (const [key, value] of Object.entries(patch)) {
    const current = here?.[key];
    result[key] = value !== null && typeof value === 'object' && !Array.isArray(value) ? valuesUnder(current, value) : current ?? null;
  }
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
  return leafEntries(patch)
    .map(([path, value]) => `${path}=${JSON.stringify(value)}`)
    .join(', ');
}

/** Each leaf with its dotted path, found by walking the object (so keys holding dots keep their value). */
function leafEntries(body: JsonObject, prefix = ''): [string, Json][] {
  const entries: [string, Json][] = [];
  for (const [key, value] of Object.entries(body)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) entries.push(...leafEntries(value, path));
    else entries.push([path, value]);
  }
  return entries;
}
