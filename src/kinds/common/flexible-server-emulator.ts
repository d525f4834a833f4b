import { parameterFlag } from './flexible-server-parameters';
import type { ArmObject, JsonObject } from '../../controls/types';
import type { EmulatorBehaviour } from '../../sandbox/kinds/from-facts';

/**
 * What MySQL and PostgreSQL flexible servers share in the sandbox: server parameters are child
 * documents (`.../flexibleServers/{s}/configurations/{name}`) that every server has, whether or not an
 * estate lists them. Configurations_Update is a PATCH of `{properties:{value, source}}`; everything
 * else in a parameter is readOnly in both REST specs (each kind's facts list them).
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

/**
 * What the RP does after a parameter PATCH, beyond the spec's rules (which come from each kind's facts):
 * a static parameter (isDynamicConfig false) stores a new value but applies it only at the next server
 * restart, and says so with isConfigPendingRestart (the restart route clears it).
 */
export const PARAMETER_BEHAVIOUR: EmulatorBehaviour = {
  afterPatch(object) {
    const properties = object.properties as JsonObject;
    const dynamic = properties.isDynamicConfig;
    if (parameterFlag(dynamic) === false) properties.isConfigPendingRestart = typeof dynamic === 'string' ? 'True' : true;
  },
};

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
