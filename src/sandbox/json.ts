import { type Json, type JsonObject } from '../controls/types';
import { appendAll } from '../collections';
import { isJsonObject as isObject } from '../core/json';

export { isObject };
export { parseJsonObject } from '../core/json';

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
      appendAll(found, leaves(value, path));
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

