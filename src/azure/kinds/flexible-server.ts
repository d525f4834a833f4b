import type { ControlTarget, JsonObject } from '../../controls/types';
import { WardenError } from '../../errors';
import { toSdkModel } from '../wire';

const PARAMETER = /^configurations\/([A-Za-z0-9_.]+)$/;

/** Server parameters are written as `{value, source}`; anything else in a parameter is read-only. */
const PARAMETER_WRITABLE = { value: 'value', source: 'source' } as const;

/**
 * The parameter name of a `configurations/{name}` target, or undefined for `self`. Other targets are
 * refused: a flexible server has no other child document transit-warden reads.
 */
export function parameterOf(target: ControlTarget, what: string): string | undefined {
  if (target === 'self') return undefined;
  const match = PARAMETER.exec(target);
  if (!match) throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${what} have no document ${target}`);
  return match[1];
}

export function parameterModel(body: JsonObject, what: string): Record<string, unknown> {
  return toSdkModel(body, PARAMETER_WRITABLE, what);
}

export function serverOnlyRead(what: string): never {
  throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${what}: transit-warden writes server parameters, never the server itself`);
}
