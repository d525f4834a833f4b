import { cloneJson, isJsonObject as isObject, type Json, type JsonObject } from '../controls/types';

export { isObject };
export { parseJsonObject } from '../controls/types';

/**
 * ARM PATCH semantics (JSON merge patch, RFC 7396): objects merge key by key, arrays and scalars
 * replace, null removes the key. `tags` replace as a whole, as ARM does for a PATCH carrying tags.
 * Mutates `target`, which is the sandbox's own copy of the resource.
 */
export function applyMergePatch(target: JsonObject, patch: JsonObject, topLevel = true): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
    } else if (isObject(value) && !(topLevel && key === 'tags')) {
      const existing = target[key];
      const child: JsonObject = isObject(existing) ? existing : {};
      applyMergePatch(child, value, false);
      target[key] = child;
    } else {
      target[key] = cloneJson(value);
    }
  }
}

/**
 * Dotted paths of everything a PATCH body sets: `{properties:{httpsOnly:true}}` → `properties.httpsOnly`.
 * Arrays, scalars, null and empty objects are leaves; top-level `tags` is one leaf (it replaces).
 */
export function leafPaths(body: JsonObject): string[] {
  return leaves(body).map((leaf) => leaf.path);
}

export interface Leaf {
  path: string;
  value: Json;
}

export function leaves(body: JsonObject, prefix = ''): Leaf[] {
  const found: Leaf[] = [];
  for (const [key, value] of Object.entries(body)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isObject(value) && Object.keys(value).length > 0 && !(prefix === '' && key === 'tags')) {
      found.push(...leaves(value, path));
    } else {
      found.push({ path, value });
    }
  }
  return found;
}

/** True when `path` is `base` or lies under it (`properties.a.b` is under `properties.a`). */
export function isAtOrUnder(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}.`);
}

