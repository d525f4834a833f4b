/**
 * ARM deployment templates (and `bicep build` output) as the ARM objects `check` judges. A
 * template's resources are PUT bodies: type, name, apiVersion and properties, with expressions in
 * place of values and child resources nested inside their parents. This reads them into GET-shaped
 * objects (`id`, `type`, `name`, `kind`, `tags`, `properties`) under a placeholder subscription and
 * resource group, resolving parameters (from `--parameters` or their defaults), variables, copy
 * loops with a known count, conditions and nested deployments with inline templates; whatever stays
 * an expression is marked, so the check reports it as unknown rather than as a pass or a fail.
 */
import { isJsonObject, type Json, type JsonObject } from '../core/json';
import { WardenError } from '../errors';
import { evaluateString, evaluateValue, Unresolved, type ExpressionScope, type TemplateValue } from './expression';

export const TEMPLATE_SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';
export const TEMPLATE_RESOURCE_GROUP = 'template';
/** ARM's own bound on a copy loop. */
const MAX_COPY = 800;
const MAX_NESTING = 10;

/** Where a resource sits in the template file: the JSON path of its object. */
export type TemplatePath = (string | number)[];

export interface TemplateResource {
  /** The resource as a GET would return it, with unresolved values replaced by markers. */
  object: JsonObject;
  apiVersion: string | null;
  /** Path of the resource's object in the template file (for SARIF's line numbers). */
  path: TemplatePath;
  /** The resource's name as written (an expression, often). */
  nameAsWritten: string;
  /** What results call its place in the input, where not its path (a Terraform plan's resource address). */
  label?: string;
}

export interface ExpandedTemplate {
  resources: TemplateResource[];
  /** Marker string → what could not be resolved. */
  unresolved: Map<string, Unresolved>;
  /** What this reader left out, said once each (linked templates, unexpandable loops). */
  notes: string[];
}

/** A deployment template: the `$schema` names one, or it has `resources` and a `contentVersion`. */
export function isDeploymentTemplate(input: unknown): input is JsonObject {
  if (!isJsonObject(input as Json)) return false;
  const object = input as JsonObject;
  if (typeof object.$schema === 'string' && /deploymentTemplate\.json#?$/i.test(object.$schema)) return true;
  return typeof object.contentVersion === 'string' && (Array.isArray(object.resources) || isJsonObject(object.resources));
}

/** Values from a parameters file (`{"parameters": {"name": {"value": …}}}`), or an error naming what is wrong. */
export function parameterValuesFrom(input: unknown, source: string): Map<string, TemplateValue> {
  if (!isJsonObject(input as Json) || !isJsonObject((input as JsonObject).parameters)) {
    throw new WardenError('INVALID_INPUT', `${source} is not a deployment parameters file: it needs a "parameters" object`);
  }
  const values = new Map<string, TemplateValue>();
  for (const [name, entry] of Object.entries((input as { parameters: JsonObject }).parameters)) {
    if (!isJsonObject(entry)) throw new WardenError('INVALID_INPUT', `${source}: parameter ${name} is not an object with a "value"`);
    if ('value' in entry) values.set(name.toLowerCase(), entry.value);
    else if ('reference' in entry) values.set(name.toLowerCase(), new Unresolved(`parameters('${name}')`, 'a Key Vault reference, read only at deployment'));
    else throw new WardenError('INVALID_INPUT', `${source}: parameter ${name} has neither "value" nor "reference"`);
  }
  return values;
}

interface Frame {
  template: JsonObject;
  given: Map<string, TemplateValue>;
  parameters: Map<string, TemplateValue>;
  variables: Map<string, TemplateValue | 'evaluating'>;
}

class Expander {
  readonly resources: TemplateResource[] = [];
  readonly unresolved = new Map<string, Unresolved>();
  readonly notes = new Set<string>();

  scopeOf(frame: Frame, copyIndex?: number): ExpressionScope {
    return {
      copyIndex,
      parameter: (name) => this.parameter(frame, name),
      variable: (name) => this.variable(frame, name),
    };
  }

  parameter(frame: Frame, name: string): TemplateValue {
    const key = name.toLowerCase();
    const known = frame.parameters.get(key);
    if (known !== undefined) return known;
    let value: TemplateValue;
    const declared = Object.entries(isJsonObject(frame.template.parameters) ? frame.template.parameters : {}).find(([k]) => k.toLowerCase() === key)?.[1];
    if (frame.given.has(key)) value = frame.given.get(key) as TemplateValue;
    else if (isJsonObject(declared) && 'defaultValue' in declared) value = evaluateValue(declared.defaultValue, this.scopeOf(frame));
    else value = new Unresolved(`parameters('${name}')`, declared ? 'no value given and no default (pass --parameters FILE)' : 'the template declares no such parameter');
    frame.parameters.set(key, value);
    return value;
  }

  variable(frame: Frame, name: string): TemplateValue {
    const key = name.toLowerCase();
    const known = frame.variables.get(key);
    if (known === 'evaluating') return new Unresolved(`variables('${name}')`, 'the variable refers to itself');
    if (known !== undefined) return known;
    const declared = Object.entries(isJsonObject(frame.template.variables) ? frame.template.variables : {}).find(([k]) => k.toLowerCase() === key);
    frame.variables.set(key, 'evaluating');
    const value: TemplateValue = !declared
      ? new Unresolved(`variables('${name}')`, 'the template declares no such variable')
      : declared[0].toLowerCase() === 'copy'
        ? new Unresolved(`variables('${name}')`, 'variable copy loops are not expanded')
        : evaluateValue(declared[1], this.scopeOf(frame));
    frame.variables.set(key, value);
    return value;
  }

  /** A template value as JSON, each unresolved part replaced by a marker the check recognises. */
  toJson(value: TemplateValue): Json {
    if (value instanceof Unresolved) {
      const marker = `\u0001unresolved ${this.unresolved.size}\u0001`;
      this.unresolved.set(marker, value);
      return marker;
    }
    if (Array.isArray(value)) return value.map((item) => this.toJson(item));
    if (value !== null && typeof value === 'object') {
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.toJson(item);
      return out;
    }
    return value;
  }

  expand(frame: Frame, resources: Json | undefined, path: TemplatePath, parent: { type: string; name: string } | undefined, depth: number): void {
    if (depth > MAX_NESTING) throw new WardenError('INVALID_INPUT', `the template nests resources or deployments more than ${MAX_NESTING} deep`);
    const entries: [string | number, Json][] = Array.isArray(resources)
      ? resources.map((r, i) => [i, r])
      : isJsonObject(resources) ? Object.entries(resources) : [];
    for (const [key, resource] of entries) {
      if (!isJsonObject(resource)) throw new WardenError('INVALID_INPUT', `resource at ${formatPath([...path, key])} is not an object`);
      const count = this.copyCount(frame, resource, [...path, key]);
      for (let index = 0; index < (count ?? 1); index += 1) {
        this.resource(frame, resource, [...path, key], parent, count === undefined ? undefined : index, depth);
      }
    }
  }

  private copyCount(frame: Frame, resource: JsonObject, path: TemplatePath): number | undefined {
    if (!isJsonObject(resource.copy)) return undefined;
    const count = typeof resource.copy.count === 'string' ? evaluateString(resource.copy.count, this.scopeOf(frame)) : resource.copy.count ?? null;
    if (typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= MAX_COPY) return count;
    this.notes.add(`${formatPath(path)}: its copy count is not known offline; judged once, with copyIndex() unknown`);
    return undefined;
  }

  private resource(frame: Frame, resource: JsonObject, path: TemplatePath, parent: { type: string; name: string } | undefined, copyIndex: number | undefined, depth: number): void {
    const scope = this.scopeOf(frame, copyIndex);
    if (resource.condition !== undefined) {
      const condition = typeof resource.condition === 'string' ? evaluateString(resource.condition, scope) : resource.condition;
      if (condition === false) return; // not deployed: nothing to judge
    }
    if (typeof resource.type !== 'string' || typeof resource.name !== 'string') {
      throw new WardenError('INVALID_INPUT', `resource at ${formatPath(path)} needs string "type" and "name"`);
    }
    const type = parent && !resource.type.includes('/') ? `${parent.type}/${resource.type}` : resource.type;
    const ownName = textOf(evaluateString(resource.name, scope));
    const name = parent && !resource.type.includes('/') ? `${parent.name}/${ownName}` : ownName;
    if (type.toLowerCase() === 'microsoft.resources/deployments') {
      this.deployment(frame, resource, path, scope, depth);
      return;
    }
    const object: JsonObject = { id: resourceIdFor(type, name, path), type, name: name.split('/').pop() ?? name };
    for (const field of ['kind', 'location', 'tags', 'sku', 'identity', 'properties'] as const) {
      if (resource[field] !== undefined) object[field] = this.toJson(evaluateValue(resource[field], scope));
    }
    const apiVersion = typeof resource.apiVersion === 'string' ? resource.apiVersion : null;
    this.resources.push({ object, apiVersion, path, nameAsWritten: resource.name });
    if (resource.resources !== undefined) this.expand(frame, resource.resources, [...path, 'resources'], { type, name }, depth + 1);
  }

  private deployment(frame: Frame, resource: JsonObject, path: TemplatePath, scope: ExpressionScope, depth: number): void {
    const properties = isJsonObject(resource.properties) ? resource.properties : {};
    if (!isJsonObject(properties.template)) {
      this.notes.add(`${formatPath(path)}: a linked template (templateLink) is not read; check that template on its own`);
      return;
    }
    const inner = isJsonObject(properties.expressionEvaluationOptions) && typeof properties.expressionEvaluationOptions.scope === 'string'
      && properties.expressionEvaluationOptions.scope.toLowerCase() === 'inner';
    if (!inner) {
      // Outer scope (the default): the nested template's expressions see the parent's parameters and variables.
      this.expand(frame, properties.template.resources, [...path, 'properties', 'template', 'resources'], undefined, depth + 1);
      return;
    }
    const given = new Map<string, TemplateValue>();
    for (const [name, entry] of Object.entries(isJsonObject(properties.parameters) ? properties.parameters : {})) {
      if (isJsonObject(entry) && 'value' in entry) given.set(name.toLowerCase(), evaluateValue(entry.value, scope));
      else given.set(name.toLowerCase(), new Unresolved(`parameters('${name}')`, 'a nested deployment parameter given by reference'));
    }
    const nested: Frame = { template: properties.template, given, parameters: new Map(), variables: new Map() };
    this.expand(nested, properties.template.resources, [...path, 'properties', 'template', 'resources'], undefined, depth + 1);
  }
}

/** The ARM objects of a template, with what stayed unresolved. Throws INVALID_INPUT for a malformed template. */
export function expandTemplate(template: JsonObject, given: Map<string, TemplateValue> = new Map()): ExpandedTemplate {
  const expander = new Expander();
  const frame: Frame = { template, given, parameters: new Map(), variables: new Map() };
  expander.expand(frame, template.resources, ['resources'], undefined, 0);
  return { resources: expander.resources, unresolved: expander.unresolved, notes: [...expander.notes] };
}

function textOf(value: TemplateValue): string {
  if (value instanceof Unresolved) return value.standIn;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Characters an ARM id segment may not hold, in a stand-in name, become `_`. */
const UNSAFE_IN_SEGMENT = /[\u0000-\u001f\u007f%\\?#&<>*:"|]/g;

/**
 * An id for a template resource under the placeholder subscription and resource group. Names that
 * stay expressions keep their stand-in text, so a child (`format('{0}/web', parameters('site'))`)
 * still lands under its parent (`parameters('site')`).
 */
function resourceIdFor(type: string, name: string, path: TemplatePath): string {
  const [provider, ...types] = type.split('/');
  const names = splitName(name);
  if (!provider || types.length === 0 || names.length !== types.length) {
    throw new WardenError('INVALID_INPUT', `resource at ${formatPath(path)}: type ${JSON.stringify(type)} and name ${JSON.stringify(name)} do not pair up (one name segment per type segment)`);
  }
  const pairs = types.map((t, i) => `${t}/${names[i].replace(UNSAFE_IN_SEGMENT, '_') || '_'}`);
  return `/subscriptions/${TEMPLATE_SUBSCRIPTION}/resourceGroups/${TEMPLATE_RESOURCE_GROUP}/providers/${provider}/${pairs.join('/')}`;
}

/** A name's `/`-separated segments, not splitting inside a stand-in `{…}`. */
function splitName(name: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of name) {
    if (ch === '{') depth += 1;
    if (ch === '}') depth = Math.max(0, depth - 1);
    if (ch === '/' && depth === 0) { segments.push(current); current = ''; continue; }
    current += ch === '/' ? '∕' : ch;
  }
  segments.push(current);
  return segments;
}

export function formatPath(path: TemplatePath): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

