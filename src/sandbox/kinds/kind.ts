import type { ArmObject, JsonObject } from '../../controls/types';

/** A check on a value a PATCH body sets, taken from the REST spec of the property. */
export type ValueRule =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'string' }
  | { kind: 'integer' };

export const oneOf = (...values: string[]): ValueRule => ({ kind: 'enum', values });
export const boolean: ValueRule = { kind: 'boolean' };
export const string: ValueRule = { kind: 'string' };
export const integer: ValueRule = { kind: 'integer' };

/**
 * How a resource provider announces a long-running PATCH: a 202 without a body whose
 * Azure-AsyncOperation header names a status monitor (`{status}`), and often a Location header for
 * the end result. Each provider names and places these its own way, and ARM authorises a GET of
 * each with its own action (`{namespace}/locations/{segment}/read`), so the sandbox serves exactly
 * the provider's URLs: a role that lacks the action fails here as it would in Azure.
 */
export interface LongRunning {
  /** Status monitor segment under `…/providers/{namespace}/locations/{location}/`, e.g. `azureAsyncOperation`. */
  status: string;
  /** Where the monitor lives: under the subscription (most providers) or the resource group (SQL). */
  scope?: 'subscription' | 'resourceGroup';
  /** Microsoft.Cache spells the location as its display name (`West%20Europe`), the others as `westeurope`. */
  displayLocation?: boolean;
  /**
   * The Location header, if the provider sends one: an operation-results monitor beside the status
   * monitor (`locations`), one under the resource (`resource`, Cosmos DB), or the resource itself.
   * `answers` says what it returns when done: the resource, or an operation result that is not the
   * resource (MySQL's OperationResults_Get), after which a client must re-read the resource.
   */
  location?: { at: 'locations' | 'resource'; segment: string; answers: 'resource' | 'operation' } | 'resource-itself';
}

/**
 * What the sandbox knows about one ARM type (a resource such as `Microsoft.Web/sites`, or a child
 * document such as `Microsoft.Web/sites/config`). Everything is data: the router does the rest.
 */
export interface SandboxType {
  /** ARM type as GET returns it in `type` (matched case-insensitively against ids and URLs). */
  type: string;
  /** api-versions ARM accepts for this type; any other gets 400. */
  apiVersions: readonly string[];
  /**
   * True for child documents that belong to their parent resource (App Service `config/web`,
   * flexible-server `configurations/{name}`): writes are recorded against the parent with a target
   * such as `config/web`, and deleting the parent removes them.
   */
  document?: boolean;
  /** Dotted paths (from the object root) the REST spec marks readOnly; a PATCH touching one gets 400. */
  readOnly: readonly string[];
  /**
   * Dotted paths a PATCH may set. ARM silently ignores properties it does not know, which would turn a
   * typo in a fix into a fix that never lands; the sandbox refuses them instead. `tags` is always allowed.
   */
  writable: readonly string[];
  /** Value checks for writable paths (REST spec enums and types). */
  values?: Readonly<Record<string, ValueRule>>;
  /** Set when PATCH is a long-running operation for this type. */
  longRunning?: LongRunning;
  /** Top-level PATCH keys besides `properties` and `tags` that this type accepts (e.g. `sku`, `identity`). */
  topLevel?: readonly string[];
  /**
   * Normalises an object when it enters the estate (load/set). Used for what ARM never returns,
   * e.g. a site's siteConfig TLS fields, which GET always reports as null.
   */
  normalize?(object: ArmObject): void;
  /** What the RP does to a document after a PATCH was merged into it (e.g. mark a static parameter pending a restart). */
  afterPatch?(object: ArmObject, body: JsonObject): void;
  /**
   * Child documents ARM always has for a resource of this type, built when the estate lacks them
   * (App Service sites and slots always have `config/web`). Receives the object before normalize; it must not mutate it.
   */
  defaultChildren?(object: ArmObject): ArmObject[];
  /** Code ARM answers for an unsupported api-version (resource providers: NoRegisteredProviderFound). */
  unsupportedApiVersionCode?: 'NoRegisteredProviderFound' | 'InvalidApiVersionParameter';
}

/** A kind file exports the types it serves. */
export interface SandboxKind {
  /** Short name for messages and docs, e.g. `appservice`. */
  name: string;
  types: readonly SandboxType[];
}

