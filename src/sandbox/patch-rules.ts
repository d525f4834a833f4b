import type { Json, JsonObject } from '../controls/types';
import { ARM_ERROR, armError, type SandboxReply } from './arm-errors';
import { isAtOrUnder, isObject, leaves } from './json';
import type { SandboxType } from './kinds';
import type { ValueRule } from './kinds/kind';

const ALWAYS_TOP_LEVEL = new Set(['properties', 'tags']);

function bad(message: string): SandboxReply {
  return armError(400, ARM_ERROR.invalidContent, message);
}

function describeRule(rule: ValueRule): string {
  switch (rule.kind) {
    case 'enum':
      return `one of ${rule.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'enumArray':
      return `an array of ${rule.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'boolean':
      return 'a boolean';
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
  }
}

function satisfies(rule: ValueRule, value: Json): boolean {
  switch (rule.kind) {
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value);
    case 'enumArray':
      return Array.isArray(value) && value.every((item) => typeof item === 'string' && rule.values.includes(item));
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
  }
}

/** The value rule for `path` or for a scalar property above it (an object written where a scalar belongs). */
function ruleFor(values: Readonly<Record<string, ValueRule>>, path: string): { rulePath: string; rule: ValueRule } | undefined {
  for (let end = path.length; end > 0; end = path.lastIndexOf('.', end - 1)) {
    const prefix = path.slice(0, end);
    const rule = values[prefix];
    if (rule) return { rulePath: prefix, rule };
  }
  return undefined;
}

/**
 * Checks a PATCH body against the REST spec's shape for the type, as strictly as Azure is (and a
 * little stricter where Azure would silently ignore a property). Returns ARM's 400 or undefined.
 */
export function checkPatchBody(body: JsonObject, rule: SandboxType): SandboxReply | undefined {
  const topLevel = new Set([...ALWAYS_TOP_LEVEL, ...(rule.topLevel ?? [])]);
  for (const key of Object.keys(body)) {
    if (topLevel.has(key)) continue;
    return bad(
      `The request content was invalid: top-level property '${key}' is not accepted by a PATCH of ${rule.type}. ` +
        `Resource properties must be wrapped in "properties", e.g. {"properties":{"${key}":...}}.`,
    );
  }
  const missing = (rule.required ?? []).find((key) => body[key] === undefined);
  if (missing !== undefined) {
    return bad(`The request content was invalid: the update model of ${rule.type} requires '${missing}', which the PATCH body lacks.`);
  }
  if (body.properties !== undefined && !isObject(body.properties)) {
    return bad(`The request content was invalid: "properties" must be a JSON object in a PATCH of ${rule.type}.`);
  }
  if (body.tags !== undefined) {
    const tags = body.tags;
    if (!isObject(tags) || Object.values(tags).some((v) => typeof v !== 'string')) {
      return bad('The request content was invalid: "tags" must be an object of string values.');
    }
  }
  for (const { path, value } of leaves(body)) {
    if (path === 'tags') continue;
    // An empty object merges nothing; everything else is a write.
    if (isObject(value) && Object.keys(value).length === 0) continue;
    const readOnly = rule.readOnly.find((ro) => isAtOrUnder(path, ro) || isAtOrUnder(ro, path));
    if (readOnly !== undefined) {
      return bad(`The request content was invalid: property '${readOnly}' of ${rule.type} is read-only and cannot be set (PATCH wrote '${path}').`);
    }
    const topKey = path.split('.', 1)[0];
    const underTopLevel = topKey !== 'properties' && topLevel.has(topKey);
    if (!underTopLevel && !rule.writable.some((w) => isAtOrUnder(path, w))) {
      return bad(
        `The request content was invalid: '${path}' is not a property the sandbox knows ${rule.type} to accept. ` +
          'ARM would ignore it silently and the change would never land. ' +
          `Writable: ${rule.writable.length > 0 ? rule.writable.join(', ') : 'tags only'}.`,
      );
    }
    const found = rule.values ? ruleFor(rule.values, path) : undefined;
    if (found && (found.rulePath !== path || !satisfies(found.rule, value))) {
      const shown = found.rulePath === path ? JSON.stringify(value) : 'an object';
      return armError(
        400,
        ARM_ERROR.invalidValue,
        `The value ${shown} is not valid for property '${found.rulePath}' of ${rule.type}: it must be ${describeRule(found.rule)}.`,
      );
    }
  }
  return undefined;
}
