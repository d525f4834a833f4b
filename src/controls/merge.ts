import { cloneJson, isJsonObject, type JsonObject } from './types';

/**
 * ARM PATCH semantics: objects merge recursively, arrays and scalars (null included) replace.
 * Pure: neither argument is modified and the result shares no object with them, so a caller may
 * mutate it (the engine merges several controls' patches into one body per write endpoint).
 */
export function mergePatch<T extends JsonObject>(target: T, patch: JsonObject): T {
  const result: JsonObject = cloneJson(target);
  for (const [key, value] of Object.entries(patch)) {
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    const merged = isJsonObject(value) && isJsonObject(current) ? mergePatch(current, value) : cloneJson(value);
    // defineProperty, not assignment: a JSON key such as "__proto__" must stay a plain property.
    Object.defineProperty(result, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return result as T;
}
