/**
 * Every resource kind transit-warden knows, in catalog order (the order of DESIGN.md's control
 * table, which reports, audit listings and the generated role follow). Each kind is a folder,
 * src/kinds/<kind>/, holding its facts, controls, SDK adapter, lister and emulator type; the per-kind
 * tables in src/kinds/generated are written from this list by `npm run generate`, each a
 * `Record<KindName, …>`, so a kind added here without one of its parts fails to compile on an import
 * naming the missing file. docs/contributing.md says how to add a kind.
 */
export const KIND_NAMES = [
  'appservice',
  'storage',
  'redis',
  'mysql-flexible',
  'postgresql-flexible',
  'sql',
  'cosmosdb',
  'eventhub',
  'servicebus',
  'redis-enterprise',
  'eventgrid',
  'apim',
  'cdn',
  'containerapp',
  'sql-managed-instance',
  'synapse',
  'iothub',
  'application-gateway',
  'single-servers',
] as const;

export type KindName = (typeof KIND_NAMES)[number];

/** A per-kind table's values in kind order. */
export function inKindOrder<T>(table: Readonly<Record<KindName, T>>): T[] {
  return KIND_NAMES.map((kind) => table[kind]);
}
