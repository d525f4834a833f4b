import { fail, pass, readPath, type ArmObject, type Json, type JsonObject, type Verdict } from '../../controls/types';

/**
 * What the MySQL and PostgreSQL flexible-server controls share. Their transport settings are server
 * parameters: child documents `configurations/{name}` shaped `{properties:{value, source,
 * isDynamicConfig, isConfigPendingRestart, allowedValues, ...}}` (ConfigurationUpdate.json), read with
 * Configurations_Get and written with Configurations_Update (a long-running PATCH).
 */
export const MYSQL_FLEXIBLE_TYPE = 'Microsoft.DBforMySQL/flexibleServers';
export const POSTGRESQL_FLEXIBLE_TYPE = 'Microsoft.DBforPostgreSQL/flexibleServers';

/** The control target of a server parameter. */
export const parameterTarget = (name: string): string => `configurations/${name}`;

/** The engine reads the server (tags, exemptions) and the parameter; the fix writes the parameter. */
export const MYSQL_FLEXIBLE_PARAMETER_PERMISSIONS = [
  'Microsoft.DBforMySQL/flexibleServers/read',
  'Microsoft.DBforMySQL/flexibleServers/configurations/read',
  'Microsoft.DBforMySQL/flexibleServers/configurations/write',
  // Configurations_Update (and the restart) are long-running: the SDK polls the status monitor, then
  // follows Location to the operation result (…/locations/{l}/azureAsyncOperation|operationResults/{id}).
  'Microsoft.DBforMySQL/locations/azureAsyncOperation/read',
  'Microsoft.DBforMySQL/locations/operationResults/read',
] as const;
export const POSTGRESQL_FLEXIBLE_PARAMETER_PERMISSIONS = [
  'Microsoft.DBforPostgreSQL/flexibleServers/read',
  'Microsoft.DBforPostgreSQL/flexibleServers/configurations/read',
  'Microsoft.DBforPostgreSQL/flexibleServers/configurations/write',
  // Configurations_Update is long-running; this SDK polls the status monitor and ends on the
  // parameter itself, so the operation-results action is not needed.
  'Microsoft.DBforPostgreSQL/locations/azureAsyncOperation/read',
] as const;

export const VALUE_PATH = 'properties.value';

/**
 * The PATCH body for a parameter. `source: user-override` is what the portal and the CLI send with a
 * changed value (ConfigurationUpdate.json); without it the RP may keep reporting the system default.
 */
export function parameterPatch(value: string): JsonObject {
  return { properties: { value, source: 'user-override' } };
}

/**
 * Undo's body for a parameter: its value before the fix, set the way any set value is sent
 * (parameterPatch). The before-values say `source: system-default` when the fix replaced a default;
 * sending that source with a value would ask the RP for something the CLI and Azure Policy never
 * send (`az mysql flexible-server parameter set` writes user-override).
 */
export function restoreParameter(before: JsonObject): JsonObject {
  const value = readPath(before, VALUE_PATH);
  return parameterPatch(typeof value === 'string' ? value : String(value));
}

/** The paths parameterPatch writes (the controls' fixPaths). */
export const PARAMETER_PATCH_PATHS: readonly string[] = Object.freeze(['properties.value', 'properties.source']);

/**
 * Compliant when the parameter's value is one of `accepted` ignoring case (MySQL answers "ON" to a
 * request for "on", and PostgreSQL accepts "ON" for a boolean too). The first accepted value is the
 * one a fix sets.
 */
export function requireParameter(document: ArmObject, ...accepted: [string, ...string[]]): Verdict {
  const actual = readPath(document, VALUE_PATH);
  if (typeof actual === 'string' && accepted.some((value) => value.toLowerCase() === actual.trim().toLowerCase())) return pass();
  const expected = accepted.map((value) => JSON.stringify(value)).join(' or ');
  return fail(VALUE_PATH, actual, accepted[0], `server parameter ${parameterName(document)} is ${actual === undefined ? 'absent' : JSON.stringify(actual)}, expected ${expected}`);
}

/**
 * A parameter's boolean property (`isConfigPendingRestart`, `isDynamicConfig`): MySQL spells them
 * "True"/"False", PostgreSQL as JSON booleans. Undefined when absent or neither.
 */
export function parameterFlag(value: Json | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** The parameter's new value is stored but applies only after the next server restart. */
export function isPendingRestart(document: ArmObject): boolean {
  return parameterFlag(readPath(document, 'properties.isConfigPendingRestart')) === true;
}

export function parameterName(document: ArmObject): string {
  return typeof document.name === 'string' ? document.name : 'value';
}
