import type { ArmObject, Json, JsonObject } from '../controls/types';
import { isJsonObject } from '../core/json';
import { findTypeFacts, type PropertyFact } from '../kinds/facts';
import { FACTS_BY_KIND } from '../kinds/generated/facts';

const ALL_TYPE_FACTS = Object.values(FACTS_BY_KIND).flatMap((facts) => facts.types);

/**
 * A template's property as the resource provider will read it. ARM passes a template's values to
 * the provider as written, and the providers' JSON readers take `"true"` for a boolean and a number
 * for a string (`minTlsVersion: 1.2`), so a check that compared the raw JSON would call such a
 * resource noncompliant when Azure would deploy it compliant (Checkov's test templates use both;
 * docs/parity.md). Only paths the kind's facts type as writable are coerced, and only these two
 * ways: a boolean from "true"/"false", a string from a finite number. GET-shaped input is never
 * coerced: that is what ARM answered.
 */
export function asProviderReads(object: ArmObject): ArmObject {
  if (typeof object.type !== 'string' || typeof object.id !== 'string') return object;
  const name = /\/config\/([^/]+)$/i.exec(object.id)?.[1];
  const facts = findTypeFacts(ALL_TYPE_FACTS, object.type, name);
  const writable = { ...facts?.update?.writable, ...facts?.replace?.writable };
  let result: ArmObject = object;
  for (const [path, fact] of Object.entries(writable)) {
    const value = readAt(result, path);
    const coerced = coerce(value, fact);
    if (coerced !== undefined) result = writeAt(result, path, coerced);
  }
  return result;
}

function coerce(value: Json | undefined, fact: PropertyFact): Json | undefined {
  if (fact === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  if ((fact === 'string' || (typeof fact === 'object' && 'enum' in fact)) && typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function readAt(object: JsonObject, path: string): Json | undefined {
  let current: Json | undefined = object;
  for (const segment of path.split('.')) {
    if (!isJsonObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** A copy of `object` with `value` at `path` (every object on the way is copied, nothing else). */
function writeAt(object: JsonObject, path: string, value: Json): JsonObject {
  const [head, ...rest] = path.split('.');
  const next = object[head];
  return { ...object, [head]: rest.length === 0 ? value : writeAt(isJsonObject(next) ? next : {}, rest.join('.'), value) };
}
