/**
 * What Azure applies when a template leaves a property out: a template is a PUT, and a missing
 * property takes the resource provider's default at the template's api-version. Only defaults the
 * REST spec states are recorded (each with the spec model it is read from); for any other missing
 * property the template check says `unknown` instead of guessing.
 */
import type { Json } from '../core/json';

export interface TemplateDefault {
  /** Lower-cased ARM type of the document the property belongs to. */
  type: string;
  /** Dotted path in that document, as controls read it. */
  path: string;
  /** The default at an api-version (null: the template gave none), or undefined where unknown. */
  at(apiVersion: string | null): Json | undefined;
  source: string;
}

const onOrAfter = (apiVersion: string | null, date: string): boolean | undefined =>
  apiVersion === null ? undefined : apiVersion.slice(0, 10) >= date;

export const TEMPLATE_DEFAULTS: readonly TemplateDefault[] = [
  {
    type: 'microsoft.storage/storageaccounts',
    path: 'properties.supportsHttpsTrafficOnly',
    at: (apiVersion) => onOrAfter(apiVersion, '2019-04-01'),
    source: 'storage.json, StorageAccountPropertiesCreateParameters.supportsHttpsTrafficOnly: "The default value is true since API version 2019-04-01"',
  },
  {
    type: 'microsoft.storage/storageaccounts',
    path: 'properties.minimumTlsVersion',
    at: () => 'TLS1_0',
    source: 'storage.json, StorageAccountPropertiesCreateParameters.minimumTlsVersion: "The default interpretation is TLS 1.0 for this property"',
  },
];

export function templateDefault(type: string, path: string): TemplateDefault | undefined {
  const lower = type.toLowerCase();
  return TEMPLATE_DEFAULTS.find((d) => d.type === lower && d.path === path);
}
