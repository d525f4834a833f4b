import { parameterFlag } from '../../controls/flexible-server';
import type { ArmObject, JsonObject } from '../../controls/types';
import { oneOf, string, type SandboxType } from './kind';

/**
 * What MySQL and PostgreSQL flexible servers share in the sandbox: server parameters are child
 * documents (`.../flexibleServers/{s}/configurations/{name}`) that every server has, whether or not an
 * estate lists them. Configurations_Update is a PATCH of `{properties:{value, source}}`; everything
 * else in a parameter is readOnly in both REST specs (and in the SDK mappers).
 */

/** One parameter as ConfigurationUpdate.json (mysql 2021-05-01, postgresql 2024-08-01) returns it. */
export interface ParameterDefault {
  name: string;
  value: string;
  description: string;
  dataType: string;
  allowedValues: string;
  isDynamicConfig: boolean;
  documentationLink?: string;
}

/** `readOnly` paths of a parameter document (ConfigurationProperties, both specs). */
export const PARAMETER_READ_ONLY = [
  'properties.description', 'properties.defaultValue', 'properties.dataType', 'properties.allowedValues',
  'properties.isDynamicConfig', 'properties.isReadOnly', 'properties.isConfigPendingRestart', 'properties.unit',
  'properties.documentationLink',
] as const;

export function parameterType(type: string, apiVersions: readonly string[]): SandboxType {
  return {
    type,
    apiVersions,
    document: true,
    readOnly: PARAMETER_READ_ONLY,
    writable: ['properties.value', 'properties.source'],
    // The RP checks `value` against the parameter's own allowedValues; that is per document, not per
    // type, so the sandbox only checks that it is a string.
    values: { 'properties.value': string, 'properties.source': oneOf('system-default', 'user-override') },
    // Configurations_Update answers 202 + Azure-AsyncOperation …/locations/{l}/azureAsyncOperation/{id}
    // and Location …/locations/{l}/operationResults/{id}, which ends with an operation result, not
    // the parameter (ServerStop.json, ConfigurationUpdate.json, OperationResults_Get.json).
    longRunning: { status: 'azureAsyncOperation', location: { at: 'locations', segment: 'operationResults', answers: 'operation' } },
    // A static parameter (isDynamicConfig false) stores a new value but applies it only at the next
    // server restart, and says so with isConfigPendingRestart (the restart route clears it).
    afterPatch(object) {
      const properties = object.properties as JsonObject;
      const dynamic = properties.isDynamicConfig;
      if (parameterFlag(dynamic) === false) properties.isConfigPendingRestart = typeof dynamic === 'string' ? 'True' : true;
    },
  };
}

/**
 * The parameter documents ARM always has for a server, at their defaults. MySQL 2021-05-01 spells the
 * booleans of a parameter as strings ("True"/"False"); PostgreSQL uses JSON booleans.
 */
export function defaultParameters(server: ArmObject, parameterTypeName: string, defaults: readonly ParameterDefault[], booleansAsStrings: boolean): ArmObject[] {
  const flag = (value: boolean): boolean | string => (booleansAsStrings ? (value ? 'True' : 'False') : value);
  return defaults.map((d) => {
    const properties: JsonObject = {
      value: d.value,
      description: d.description,
      defaultValue: d.value,
      dataType: d.dataType,
      allowedValues: d.allowedValues,
      source: 'system-default',
      isConfigPendingRestart: flag(false),
      isDynamicConfig: flag(d.isDynamicConfig),
      isReadOnly: flag(false),
    };
    if (d.documentationLink) properties.documentationLink = d.documentationLink;
    return { id: `${String(server.id)}/configurations/${d.name}`, name: d.name, type: parameterTypeName, properties };
  });
}
