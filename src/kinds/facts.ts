import { WardenError } from '../errors';
import type { KindName } from './names';

/**
 * A kind's REST-spec facts, stated once as data (src/kinds/<kind>/facts.ts). The emulator's rules for
 * the kind (src/kinds/<kind>/emulator.ts), the SDK adapter's api-versions and writable set
 * (src/kinds/<kind>/adapter.ts) and the kind contract test all read these, so a fact that changes
 * changes everywhere at once. Each block names the Azure/azure-rest-api-specs file and api-version it
 * was read from: the facts are transcribed, never copied files.
 */

/** Where a fact block was read: a file of Azure/azure-rest-api-specs, the api-version it describes, and the definition. */
export interface SpecSource {
  /** Path inside Azure/azure-rest-api-specs, e.g. `specification/storage/resource-manager/Microsoft.Storage/stable/2025-08-01/storage.json`. */
  file: string;
  apiVersion: string;
  /** The operationId or definition the facts come from, e.g. `StorageAccountUpdateParameters`. */
  definition: string;
}

/** The SpecSource maker for one spec file at one api-version: `spec('StorageAccountUpdateParameters')`. */
export function specIn(file: string, apiVersion: string): (definition: string) => SpecSource {
  return (definition) => ({ file, apiVersion, definition });
}

/** What a request model says of one writable property: its JSON type, or its enum values. */
export type PropertyFact =
  | 'boolean' | 'string' | 'integer' | 'object' | 'array'
  | { readonly enum: readonly string[] }
  // An array whose items are strings of an enum (API Management's protocols).
  | { readonly items: readonly string[] };

export const oneOf = (...values: string[]): PropertyFact => ({ enum: values });
export const arrayOf = (...values: string[]): PropertyFact => ({ items: values });

/**
 * How a resource provider runs a long-running write, as its monitors look on the wire: a 202 without a
 * body whose Azure-AsyncOperation header names a status monitor, and often a Location header for the
 * end result. ARM authorises a GET of each monitor with its own action
 * (`{namespace}/locations/{segment}/read`), so the emulator serves exactly the provider's URLs.
 */
export interface LongRunning {
  /** Status monitor segment under `…/providers/{namespace}/locations/{location}/`, e.g. `azureAsyncOperation`. */
  status: string;
  /**
   * Where the status monitor lives when it is not under the provider's locations: `resource` puts it
   * under the resource itself (`{resourceId}/{status}/{operationId}`, API Management's
   * `…/service/{name}/operationresults/{id}`), which ARM authorises as `{type}/{status}/read`.
   */
  statusAt?: 'locations' | 'resource';
  /** Where the monitor lives: under the subscription (most providers) or the resource group (SQL). */
  scope?: 'subscription' | 'resourceGroup';
  /** Microsoft.Cache spells the location as its display name (`West%20Europe`), the others as `westeurope`. */
  displayLocation?: boolean;
  /**
   * Where the monitors sit: beside a location (`…/providers/{namespace}/locations/{location}/{status}/{id}`,
   * the default), or directly under the provider with no location (Microsoft.Cdn's
   * `…/resourcegroups/{rg}/providers/Microsoft.Cdn/operationresults/{id}`).
   */
  under?: 'location' | 'provider';
  /**
   * The Location header, if the provider sends one: an operation-results monitor beside the status
   * monitor (`locations`), one under the resource (`resource`, Cosmos DB), or the resource itself.
   * `answers` says what it returns when done: the resource, or an operation result that is not the
   * resource (MySQL's OperationResults_Get), after which a client must re-read the resource.
   */
  location?: { at: 'locations' | 'resource'; segment: string; answers: 'resource' | 'operation' } | 'resource-itself';
}

/** The long-running pattern of a write: what the spec declares, and the monitors the provider really sends. */
export interface LongRunningFact {
  /**
   * `x-ms-long-running-operation-options.final-state-via` of the operation, or `unspecified` when the
   * spec marks the operation long-running without options (clients then follow their defaults).
   */
  finalStateVia: 'azure-async-operation' | 'location' | 'original-uri' | 'unspecified';
  /**
   * The monitor URLs, which no spec states: each kind's facts say which recording or example they come
   * from. Absent when none shows them; the emulator then answers with the operation's synchronous 200.
   */
  monitor?: LongRunning;
}

/** One write operation of a type: a PATCH (update) or, only where the spec's update model lacks a property, a PUT. */
export interface WriteFact {
  /** The operationId, e.g. `StorageAccounts_Update`. */
  operation: string;
  method: 'PATCH' | 'PUT';
  apiVersion: string;
  /** HTTP statuses the spec lists for the operation's success. */
  responses: readonly number[];
  /**
   * Dotted paths (from the request body root) of the request model's writable properties, with type
   * or enum. A path typed `object` or `array` accepts anything below it. `tags` is always writable.
   */
  writable: Readonly<Record<string, PropertyFact>>;
  /** Top-level body keys besides `properties` and `tags` the request model has (e.g. `sku`, `identity`). */
  topLevel?: readonly string[];
  /**
   * Top-level body keys the request model marks required (a TrackedResource body's `location`, as in
   * Container Apps' update): a write without one is refused. Each must also be in `topLevel`.
   */
  required?: readonly string[];
  /** Absent for a synchronous operation. */
  longRunning?: LongRunningFact;
  /**
   * `required` where the operation declares a required If-Match header (API Management's
   * IfMatchRequiredParameter): the write carries the ETag its GET answered, and a changed resource
   * answers 412. Absent where the spec declares none.
   */
  ifMatch?: 'required';
  spec: SpecSource;
}

/** The facts of one ARM type (a resource such as `Microsoft.Web/sites`, or a child document such as its `config/web`). */
export interface TypeFacts {
  /** ARM type as GET returns it in `type` (matched case-insensitively). */
  type: string;
  /** True for child documents owned by the resource (`config/web`, `configurations/{name}`). */
  document?: boolean;
  /**
   * The document's name, for a type whose documents are different models told apart only by name:
   * App Service's `config/web` and `config/authsettingsV2` are both `Microsoft.Web/sites/config`.
   * Facts with a name hold for that document alone; facts without one for every other of the type.
   */
  name?: string;
  /**
   * The GET transit-warden sends, at the api-version it sends it. `etag: 'header'` where the GET
   * answers the entity's ETag in a response header rather than in the body (API Management).
   */
  read: { operation: string; apiVersion: string; spec: SpecSource; etag?: 'header' };
  /** Dotted paths the spec marks readOnly in the resource model; a write touching one is refused. */
  readOnly: readonly string[];
  /** The update (PATCH), when the spec has one. */
  update?: WriteFact;
  /**
   * The full PUT (createOrUpdate), listed only where the spec's update model lacks a property a control
   * must set: then the document just read is written back with only that property changed (DESIGN:
   * "the one exception"). No other type may be PUT.
   */
  replace?: WriteFact;
  /** api-versions ARM serves for the type (from the spec folders); any other gets 400. */
  apiVersions: readonly string[];
  /**
   * Where it is documented that Resource Graph holds no rows of this type. A Graph sweep then lists
   * the type with ARM list calls instead, and the emulator's Graph serves none of it.
   */
  absentFromResourceGraph?: string;
}

/** ARM actions a kind's reads and fixes need (Microsoft's resource provider operations list). */
export interface KindActions {
  read: readonly string[];
  write: readonly string[];
  /** Actions beyond read/write, e.g. a server restart (`…/restart/action`). */
  other?: readonly string[];
}

export interface KindFacts {
  kind: KindName;
  types: readonly TypeFacts[];
  actions: KindActions;
}

/**
 * Checks a kind's facts once, at import: a fact block that contradicts itself (a path both readOnly
 * and writable, an api-version it uses but ARM does not serve) is a transcription error, and it would
 * otherwise surface as an emulator that accepts what Azure refuses.
 */
export function defineKind(facts: KindFacts): KindFacts {
  for (const type of facts.types) {
    const where = `${facts.kind} facts for ${type.type}`;
    const served = new Set(type.apiVersions);
    if (!served.has(type.read.apiVersion)) throw new WardenError('INVALID_CONFIG', `${where}: read api-version ${type.read.apiVersion} is not among the served api-versions`);
    for (const write of [type.update, type.replace]) {
      if (!write) continue;
      if (!served.has(write.apiVersion)) throw new WardenError('INVALID_CONFIG', `${where}: ${write.operation} api-version ${write.apiVersion} is not among the served api-versions`);
      for (const path of Object.keys(write.writable)) {
        const clash = type.readOnly.find((ro) => ro === path || path.startsWith(`${ro}.`) || ro.startsWith(`${path}.`));
        if (clash !== undefined && !isContainer(write.writable[path])) {
          throw new WardenError('INVALID_CONFIG', `${where}: ${path} is both writable in ${write.operation} and readOnly (${clash})`);
        }
      }
    }
    for (const write of [type.update, type.replace]) {
      const missing = write?.required?.find((key) => !(write.topLevel ?? []).includes(key));
      if (write && missing !== undefined) throw new WardenError('INVALID_CONFIG', `${where}: ${write.operation} requires ${missing}, which is not among its top-level keys`);
    }
    if (type.update?.ifMatch === 'required' && type.read.etag !== 'header') throw new WardenError('INVALID_CONFIG', `${where}: ${type.update.operation} requires If-Match, but the read gives no ETag`);
    if (type.update && type.update.method !== 'PATCH') throw new WardenError('INVALID_CONFIG', `${where}: update must be a PATCH`);
    if (type.replace && type.replace.method !== 'PUT') throw new WardenError('INVALID_CONFIG', `${where}: replace must be a PUT`);
  }
  return Object.freeze(facts);
}

function isContainer(fact: PropertyFact | undefined): boolean {
  return fact === 'object' || fact === 'array';
}

/**
 * The facts of `type` within a kind (case-insensitive, as ARM compares types and names): those of the
 * document `name` where the kind names it, else the type's unnamed facts.
 */
export function typeFacts(facts: KindFacts, type: string, name?: string): TypeFacts {
  const found = findTypeFacts(facts.types, type, name);
  if (!found) throw new WardenError('INVALID_CONFIG', `${facts.kind} facts have no type ${type}${name === undefined ? '' : ` (document ${name})`}`);
  return found;
}

/** The facts (or emulator rules) of `type` and document `name` among `types`: the named ones first, then the unnamed. */
export function findTypeFacts<T extends { type: string; name?: string }>(types: readonly T[], type: string, name?: string): T | undefined {
  const sameType = types.filter((t) => t.type.toLowerCase() === type.toLowerCase());
  const named = name === undefined ? undefined : sameType.find((t) => t.name !== undefined && t.name.toLowerCase() === name.toLowerCase());
  return named ?? sameType.find((t) => t.name === undefined);
}

/** The update (PATCH) of `type`; a kind whose adapter patches a type must state one. */
export function updateOf(facts: KindFacts, type: string): WriteFact {
  const update = typeFacts(facts, type).update;
  if (!update) throw new WardenError('INVALID_CONFIG', `${facts.kind} facts give ${type} no update operation`);
  return update;
}
