import { cloneJson, isJsonObject, type JsonObject } from './json';

/**
 * ARM's PATCH semantics, said once: JSON merge patch (RFC 7396) — objects merge key by key, arrays
 * and scalars replace, null removes the key — except that a top-level `tags` object replaces the
 * whole tag set, as ARM does for a PATCH carrying tags. The emulator applies PATCH bodies with it and
 * the control tester applies fixes with it, so a fix proven there is proven under the same rules.
 */
export function applyMergePatch<T extends JsonObject>(target: T, patch: JsonObject): T {
  const result = cloneJson(target);
  applyMergePatchInPlace(result, patch);
  return result;
}

/** applyMergePatch on `target` itself (the emulator's stored copy of a resource). */
export function applyMergePatchInPlace(target: JsonObject, patch: JsonObject, topLevel = true): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
      continue;
    }
    let next;
    if (isJsonObject(value) && !(topLevel && key === 'tags')) {
      const existing = Object.hasOwn(target, key) ? target[key] : undefined;
      next = isJsonObject(existing) ? existing : {};
      applyMergePatchInPlace(next, value, false);
    } else {
      next = cloneJson(value);
    }
    // defineProperty, not assignment: a JSON key such as "__proto__" must stay a plain property.
    Object.defineProperty(target, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
}

/**
 * Two patches as one body (the engine sends several controls' patches of one document in one
 * PATCH): objects merge recursively and anything else — null included, which must reach ARM to
 * remove a key — is the second patch's. Pure: the result shares no object with either argument.
 */
export function combinePatches<T extends JsonObject>(first: T, second: JsonObject): T {
  const result: JsonObject = cloneJson(first);
  for (const [key, value] of Object.entries(second)) {
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    const merged = isJsonObject(value) && isJsonObject(current) ? combinePatches(current, value) : cloneJson(value);
    Object.defineProperty(result, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return result as T;
}
