/**
 * `check` over a deployment template: each resource the template would deploy is judged by the
 * same controls as a GET-shaped object, through checkOne. What a template cannot say offline is
 * reported as `unknown` (never a pass): a value that stays an expression, and a property the
 * template leaves to Azure's default where the spec states no default (see ./defaults).
 */
import { isJsonObject } from '../core/json';
import { asProviderReads } from './coerce';
import { controlsFor, SELF, type ArmObject, type ControlDefinition } from '../controls/types';
import type { Json, JsonObject } from '../core/json';
import { checkOne, groupObjects, type CheckResult, type ObjectGroup } from '../engine/check';
import { expandTemplate, formatPath, type ExpandedTemplate, type TemplateResource } from './arm-template';
import { templateDefault } from './defaults';
import type { TemplateValue, Unresolved } from './expression';
import { newReadLog, tracked, type ReadLog } from './read-tracker';

export interface TemplateCheckResult extends Omit<CheckResult, 'status'> {
  status: CheckResult['status'] | 'unknown';
  /** Where in the template the resource is written. */
  template: { path: string; name: string; apiVersion: string | null };
}

export interface TemplateCheck {
  results: TemplateCheckResult[];
  /** What the reader left out (linked templates, loops of unknown length). */
  notes: string[];
  /** Template resource by result, for locating it in the file. */
  resourceOf: Map<TemplateCheckResult, TemplateResource>;
}

const MAX_NAMED_UNKNOWNS = 3;

type Where = TemplateCheckResult['template'];

/**
 * What differs between the inputs judged this way (a deployment template, a Terraform plan): how a
 * reason names what stays unknown, and which default a property the input leaves out takes.
 */
export interface InputWording {
  /** The reason of a verdict that read values known only at deployment. */
  unresolved(parts: readonly Unresolved[]): string;
  /** The reason when the input writes no `target` document for the resource. */
  noChild(target: string, where: Where): string;
  /** The value a property the input leaves out takes, and how the reason says so; undefined when none is recorded. */
  defaultFor(document: { id: string; type: string }, path: string, where: Where): { value: Json; said: string } | undefined;
  /** The reason when a property the verdict needs is left out and no default is recorded. */
  noDefault(document: { id: string; type: string }, path: string, where: Where): string;
}

const TEMPLATE_WORDING: InputWording = {
  unresolved: (parts) => unresolvedReason(parts),
  noChild: (target, where) => `the template writes no ${target} child${target === 'config/web' ? ' (nor properties.siteConfig)' : ''}: Azure's defaults at api-version ${where.apiVersion ?? '(none given)'} apply, which transit-warden does not record; set the setting in the template`,
  defaultFor: (document, path, where) => {
    const recorded = templateDefault(document.type, path);
    const value = recorded?.at(where.apiVersion);
    if (!recorded || value === undefined) return undefined;
    return { value, said: `not set in the template: Azure's default at api-version ${where.apiVersion} is ${JSON.stringify(value)} (${recorded.source})` };
  },
  noDefault: (_document, path, where) => `the template does not set ${path}: Azure applies its default at api-version ${where.apiVersion ?? '(none given)'}, which transit-warden does not record; set it in the template`,
};

export function checkTemplate(template: JsonObject, given: Map<string, TemplateValue>, catalog: readonly ControlDefinition[], now: Date): TemplateCheck {
  return checkExpanded(expandTemplate(template, given), catalog, now, TEMPLATE_WORDING);
}

/** Judges resources read from an input that may leave values unknown (see InputWording). */
export function checkExpanded(expanded: ExpandedTemplate, catalog: readonly ControlDefinition[], now: Date, wording: InputWording): TemplateCheck {
  const byId = new Map(expanded.resources.map((r) => [String(r.object.id).toLowerCase(), r]));
  const grouped = groupObjects(expanded.resources.map((r) => r.object), catalog);
  const isMarker = (text: string): boolean => expanded.unresolved.has(text);
  const results: TemplateCheckResult[] = [];
  const resourceOf = new Map<TemplateCheckResult, TemplateResource>();

  for (const group of grouped.groups.values()) {
    mergeSiteConfig(group);
    asDeployed(group);
    const owner = byId.get(group.owner.id.toLowerCase());
    for (const control of controlsFor(catalog, group.owner.type)) {
      const document = control.target === SELF ? group.resource : group.documents.get(control.target);
      const source = (control.target === SELF ? owner : byId.get(String(document?.id ?? '').toLowerCase())) ?? owner;
      if (!source) continue; // only a child document was written, without its parent: nothing to place it under
      const where = { path: source.label ?? formatPath(source.path), name: source.nameAsWritten, apiVersion: source.apiVersion };
      const log = newReadLog();
      const result = judge(control, group, log, isMarker, now);
      let outcome: TemplateCheckResult | undefined;
      if (log.markers.size > 0) {
        outcome = unknown(result, control, group, where, wording.unresolved([...log.markers].map((m) => expanded.unresolved.get(m)).filter((u) => u !== undefined)));
      } else if (!result && control.target !== SELF && !document && !embedsSiteConfig(control, group)) {
        outcome = unknown(undefined, control, group, where, wording.noChild(control.target, where));
      } else if (result && (result.status === 'fail' || result.status === 'error') && result.path && readAbsent(log, result.path)) {
        outcome = judgedByDefault(control, group, result, where, now, wording);
      } else if (result?.status === 'error' && /was not supplied/.test(result.reason)) {
        outcome = unknown(result, control, group, where, wording.noChild(control.target, where));
      } else if (result) {
        outcome = { ...result, template: where };
      }
      if (outcome) {
        results.push(outcome);
        resourceOf.set(outcome, source);
      }
    }
  }
  return { results, notes: expanded.notes, resourceOf };
}

/** checkOne on proxies that log what the control reads. */
function judge(control: ControlDefinition, group: ObjectGroup, log: ReadLog, isMarker: (text: string) => boolean, now: Date, override?: ObjectGroup): CheckResult | undefined {
  const source = override ?? group;
  const watched: ObjectGroup = {
    owner: source.owner,
    resource: source.resource && tracked(source.resource, log, isMarker),
    documents: new Map([...source.documents].map(([target, doc]) => [target, tracked(doc, log, isMarker)])),
  };
  const resource: ArmObject = watched.resource ?? { id: source.owner.id, type: source.owner.type };
  return checkOne(control, watched, resource, {}, now);
}

/**
 * A site that sets properties.siteConfig and also has a config/web child: ARM deploys the site
 * first and the child after it, so the child's values win over siteConfig's and siteConfig's others
 * stay. The check judges the two as one config/web document.
 */
function mergeSiteConfig(group: ObjectGroup): void {
  const child = group.documents.get('config/web');
  const properties = group.resource?.properties;
  if (!child || properties === null || typeof properties !== 'object' || Array.isArray(properties)) return;
  const siteConfig = properties.siteConfig;
  if (siteConfig === null || typeof siteConfig !== 'object' || Array.isArray(siteConfig)) return;
  const own = child.properties !== null && typeof child.properties === 'object' && !Array.isArray(child.properties) ? child.properties : {};
  group.documents.set('config/web', { ...child, properties: { ...siteConfig, ...own } });
}

/**
 * The group's objects as the resource provider will read them (asProviderReads), and a resource
 * written without `properties` as one with none set: a template may leave the object out, and then
 * each setting is Azure's default, as for an empty one (not the GET-shaped "not supplied" error).
 */
function asDeployed(group: ObjectGroup): void {
  if (group.resource) {
    let resource = group.resource.properties === undefined ? { ...group.resource, properties: {} } : group.resource;
    resource = asProviderReads(resource);
    const properties = resource.properties;
    if (isJsonObject(properties) && isJsonObject(properties.siteConfig)) {
      // An embedded siteConfig is read as the config/web document it becomes.
      const asDocument = asProviderReads({ id: `${group.owner.id}/config/web`, type: `${group.owner.type}/config`, properties: properties.siteConfig });
      resource = { ...resource, properties: { ...properties, siteConfig: asDocument.properties ?? properties.siteConfig } };
    }
    group.resource = resource;
  }
  for (const [target, document] of group.documents) group.documents.set(target, asProviderReads(document.properties === undefined ? { ...document, properties: {} } : document));
}

function embedsSiteConfig(control: ControlDefinition, group: ObjectGroup): boolean {
  const properties = group.resource?.properties;
  return control.target === 'config/web' && properties !== null && typeof properties === 'object' && !Array.isArray(properties)
    && typeof properties.siteConfig === 'object' && properties.siteConfig !== null;
}

/**
 * The control read `path` (of its document, or the same field of an embedded siteConfig) and found
 * nothing, or found nothing at an object of its own on the way to it (`properties.protocolSettings`
 * for `properties.protocolSettings.smb.versions`).
 */
function readAbsent(log: ReadLog, path: string): boolean {
  const field = path.replace(/^properties\./, '');
  return [...log.absent].some((p) => p === path || (p !== 'properties' && path.startsWith(`${p}.`)) || p === `properties.siteConfig.${field}`);
}

/**
 * A fail on a property the input does not set: judged again with the default recorded for it, or
 * unknown where none is recorded.
 */
function judgedByDefault(control: ControlDefinition, group: ObjectGroup, result: CheckResult, where: Where, now: Date, wording: InputWording): TemplateCheckResult {
  const path = result.path as string;
  const documentType = control.target === SELF ? group.owner.type : `${group.owner.type}/${control.target.split('/')[0]}`;
  const written = control.target === SELF ? group.resource : group.documents.get(control.target);
  const documentId = String(written?.id ?? (control.target === SELF ? group.owner.id : `${group.owner.id}/${control.target}`));
  const recorded = wording.defaultFor({ id: documentId, type: documentType }, path, where);
  if (!recorded) return unknown(result, control, group, where, wording.noDefault({ id: documentId, type: documentType }, path, where));
  const withDefault = structuredClone(written) as ArmObject;
  setPath(withDefault, path, recorded.value);
  const override: ObjectGroup = control.target === SELF
    ? { ...group, resource: withDefault }
    : { ...group, documents: new Map([...group.documents, [control.target, withDefault]]) };
  const again = judge(control, group, newReadLog(), () => false, now, override);
  if (!again) return { ...result, template: where, reason: `${result.reason}; ${recorded.said}` };
  return { ...again, template: where, reason: `${again.reason}; ${recorded.said}` };
}

function setPath(object: JsonObject, path: string, value: Json): void {
  const keys = path.split('.');
  let current: JsonObject = object;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[key] = {};
    current = current[key] as JsonObject;
  }
  current[keys[keys.length - 1]] = value;
}

function unknown(result: CheckResult | undefined, control: ControlDefinition, group: ObjectGroup, where: Where, reason: string): TemplateCheckResult {
  return {
    resourceId: group.owner.id,
    resourceType: result?.resourceType ?? group.owner.type,
    control: control.id,
    status: 'unknown',
    path: result?.path ?? null,
    actual: null,
    expected: result?.expected ?? null,
    reason,
    template: where,
  };
}

function unresolvedReason(parts: readonly { expression: string; why: string }[]): string {
  const named = parts.slice(0, MAX_NAMED_UNKNOWNS).map((u) => `[${u.expression}] (${u.why})`).join(', ');
  const more = parts.length > MAX_NAMED_UNKNOWNS ? ` and ${parts.length - MAX_NAMED_UNKNOWNS} more` : '';
  return `not known until deployment: depends on ${named}${more}`;
}
