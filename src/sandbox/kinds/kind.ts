import type { ArmObject, JsonObject } from '../../controls/types';
import type { LongRunning } from '../../kinds/facts';

/** A check on a value a PATCH body sets, taken from the REST spec of the property. */
export type ValueRule =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'string' }
  | { kind: 'integer' }
  /** An array of strings, each one of `values`. */
  | { kind: 'enumArray'; values: readonly string[] };

export const oneOf = (...values: string[]): ValueRule => ({ kind: 'enum', values });
export const boolean: ValueRule = { kind: 'boolean' };
export const string: ValueRule = { kind: 'string' };
export const integer: ValueRule = { kind: 'integer' };

// The monitors' shape is a kind fact (src/kinds/facts.ts); the emulator serves them.
export type { LongRunning } from '../../kinds/facts';

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
  /** The document's name where the type's documents differ by name (App Service `config/authsettingsV2`): these rules hold for it alone. */
  name?: string;
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
  /**
   * Set where the GET answers the entity's ETag in a header (API Management): the sandbox derives it
   * from the stored document, so any change to it, by a write or by another actor, changes the ETag.
   */
  etagHeader?: boolean;
  /**
   * Set where the update requires If-Match (API Management's IfMatchRequiredParameter): a PATCH
   * without one gets 400, one naming another ETag than the current 412; `*` is unconditional.
   */
  ifMatchRequired?: boolean;
  /**
   * Set only for a type whose spec update model lacks a property a control must write: a PUT of the
   * whole document (as just read) is then accepted when what it changes is within these rules.
   */
  replace?: { writable: readonly string[]; values: Readonly<Record<string, ValueRule>>; topLevel: readonly string[]; longRunning?: LongRunning };
  /** Top-level PATCH keys besides `properties` and `tags` that this type accepts (e.g. `sku`, `identity`). */
  topLevel?: readonly string[];
  /** Top-level PATCH keys the update model requires (a TrackedResource's `location`); a PATCH without one gets 400. */
  required?: readonly string[];
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

