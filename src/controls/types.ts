/**
 * The shape of a control. A control is data plus two pure functions over ARM wire JSON (what a GET
 * returns, e.g. `properties.httpsOnly`), so the same control serves events, sweeps and `check`.
 * Nothing in src/controls may import an SDK, do I/O or import the engine.
 */

export type { Json, JsonObject } from '../core/json';
import type { Json, JsonObject } from '../core/json';
import type { SecureScoreLabel } from './recommendation';

/** An ARM resource (or sub-document such as `config/web`) as GET returns it. */
export interface ArmObject extends JsonObject {}

export type ControlMode = 'enforce' | 'report';

/**
 * Which document a control reads and patches. `self` is the resource itself; other values name a
 * child document path relative to the resource id, e.g. `config/web` for App Service, or
 * `configurations/require_secure_transport` for a flexible server parameter.
 */
export type ControlTarget = string;
export const SELF: ControlTarget = 'self';

/**
 * The ARM type of the document a control targets on a resource of `resourceType`: the type itself
 * for `self`, else with the target's type segments (`config/web` on `Microsoft.Web/sites` is
 * `Microsoft.Web/sites/config`; `configurations/tls_version` adds `configurations`).
 */
export function targetDocumentType(resourceType: string, target: ControlTarget): string {
  if (target === SELF) return resourceType;
  return [resourceType, ...target.split('/').filter((_, i) => i % 2 === 0)].join('/');
}

export interface ControlDoc {
  /** Why this matters for data in transit. */
  why: string;
  /** What the fix changes, in ARM terms. */
  fix: string;
  /** What else can change for clients when the fix is applied. */
  sideEffects: string;
  /** When an exemption is reasonable. */
  exemptWhen: string;
  /** Where this control deliberately judges differently from the Azure Policy definitions it is labelled with, and why. */
  differsFromPolicy?: string;
}

/** One row of README's control table (generated from these): short, Markdown allowed. */
export interface ControlSummary {
  /** Which resources the control covers, e.g. "storage accounts". */
  resource: string;
  /** When a resource passes, e.g. "`supportsHttpsTrafficOnly = true`". */
  compliantWhen: string;
  /** What the fix writes, or why there is none. */
  fix: string;
}

export type Verdict =
  | { status: 'pass' }
  | { status: 'fail'; path: string; actual: Json | undefined; expected: Json; reason: string }
  | { status: 'not-applicable'; reason: string };

export interface ControlDefinition {
  /** Stable id: appears in tags, config and audit records. */
  id: string;
  title: string;
  summary: ControlSummary;
  /**
   * The Azure Policy built-in definitions and Defender for Cloud assessments this control
   * corresponds to, per kind of resource (src/controls/recommendation.ts); empty when neither has
   * one for the setting. Each audit record carries the one for its resource.
   */
  recommendations: readonly SecureScoreLabel[];
  /** ARM resource types the control applies to (compared case-insensitively). */
  resourceTypes: readonly string[];
  /** The document the control evaluates and patches. */
  target: ControlTarget;
  /** ARM actions the control needs: reads to evaluate, writes to fix. The deployed role is built from these. */
  permissions: readonly string[];
  defaultMode: ControlMode;
  doc: ControlDoc;
  /**
   * Evaluate the target document. `resource` is the owning resource (for kind, tags, sku); for
   * `self` controls it is the same object as `document`.
   */
  evaluate(document: ArmObject, resource: ArmObject): Verdict;
  /**
   * The minimal wire-shaped PATCH body for the target document, or undefined when the control never
   * fixes (report-only by nature). Only called after a `fail` verdict.
   */
  fix?(document: ArmObject, resource: ArmObject): JsonObject;
  /**
   * Every dotted leaf path `fix` may write (e.g. `properties.minTlsVersion`), declared because the
   * fix's output depends on the document: undo restores these paths and refuses a record whose
   * before/after names any other. Present exactly when `fix` is; the control tester checks each
   * fix's patch stays within it.
   */
  fixPaths?: readonly string[];
  /**
   * The body undo writes to put a fix's before-values back, when writing them exactly as they were
   * read is not what the resource provider expects: a flexible-server parameter read as
   * `source: system-default` is set, whatever its value, with `source: user-override`. Default: the
   * before-values themselves. It may name only paths of fixPaths (undo refuses otherwise).
   */
  restore?: (before: JsonObject) => JsonObject;
  /**
   * True when applying the fix needs an extra step with client impact (e.g. a server restart); such
   * a fix runs only when the deployment explicitly allows it.
   */
  fixNeedsRestart?: boolean;
  /**
   * Whether a document as written says its new value applies only after the next restart (a
   * flexible-server parameter's `isConfigPendingRestart`). The engine then says so in the record;
   * only the kind knows how its documents say it.
   */
  pendingRestart?: (written: ArmObject) => boolean;
}

export function defineControl(definition: ControlDefinition): ControlDefinition {
  if (!/^[a-z0-9]+(-[a-z0-9]+)+$/.test(definition.id)) {
    throw new Error(`control id ${JSON.stringify(definition.id)} must be kebab-case`);
  }
  if (definition.resourceTypes.length === 0) throw new Error(`control ${definition.id} names no resource type`);
  if (definition.defaultMode === 'enforce' && !definition.fix) {
    throw new Error(`control ${definition.id} defaults to enforce but has no fix`);
  }
  if (Boolean(definition.fix) !== Boolean(definition.fixPaths && definition.fixPaths.length > 0)) {
    throw new Error(`control ${definition.id} must declare fixPaths exactly when it has a fix`);
  }
  return Object.freeze({ ...definition });
}

export const pass = (): Verdict => ({ status: 'pass' });

export const fail = (path: string, actual: Json | undefined, expected: Json, reason?: string): Verdict => ({
  status: 'fail',
  path,
  actual,
  expected,
  reason: reason ?? `${path} is ${JSON.stringify(actual ?? null)}, expected ${JSON.stringify(expected)}`,
});

export const notApplicable = (reason: string): Verdict => ({ status: 'not-applicable', reason });

/** Read a dotted path (`properties.siteConfig.minTlsVersion`) from wire JSON. */
export function readPath(object: Json | undefined, path: string): Json | undefined {
  let current: Json | undefined = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Case-insensitive resource type comparison: ARM returns `Microsoft.Cache/Redis` as often as `redis`. */
export function sameType(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

// Every event and sweep row asks this, so each catalog is indexed by lower-cased type once. The index
// holds only the catalog's own types: a hostile event's made-up type costs a lookup, never an entry.
const typeIndexes = new WeakMap<readonly unknown[], { size: number; byType: Map<string, unknown[]> }>();

/** The controls of `catalog` that apply to an ARM type (compared case-insensitively), in catalog order. */
export function controlsFor<C extends Pick<ControlDefinition, 'resourceTypes'>>(catalog: readonly C[], resourceType: string): C[] {
  let index = typeIndexes.get(catalog);
  // Catalogs are built once and never changed; the size check rebuilds the index should one grow.
  if (!index || index.size !== catalog.length) {
    const byType = new Map<string, C[]>();
    for (const control of catalog) {
      for (const type of new Set(control.resourceTypes.map((t) => t.toLowerCase()))) {
        const list = byType.get(type) ?? [];
        list.push(control);
        byType.set(type, list);
      }
    }
    index = { size: catalog.length, byType };
    typeIndexes.set(catalog, index);
  }
  const controls = index.byType.get(resourceType.toLowerCase()) as C[] | undefined;
  return controls ? [...controls] : [];
}
