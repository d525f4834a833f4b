/**
 * `check` over a Terraform plan (`terraform show -json PLAN`): the azurerm resources the plan would
 * create or update, read through the per-kind mappings (src/kinds/<kind>/terraform.ts) into the
 * GET-shaped ARM documents the controls judge, and judged by the template checker. A value the plan
 * leaves "known after apply" is unknown (never a pass); an attribute it leaves unset takes the
 * provider's documented default, said in the reason with its docs file, or is unknown where the docs
 * state none. Resources the plan destroys are not judged.
 *
 * The plan representation (Terraform's JSON output format): `format_version`, `planned_values` with
 * `root_module.resources[]` and nested `child_modules[]` (each resource: address, mode, type, name,
 * provider_name, values, with unknown values left out), `resource_changes[]` (address,
 * module_address, mode, type, name, change.actions, change.after, change.after_unknown) and
 * `configuration` (each module's resources with their expressions' references).
 */
import { isJsonObject, type Json, type JsonObject } from '../core/json';
import { targetDocumentType, type ControlDefinition } from '../controls/types';
import { WardenError } from '../errors';
import { TERRAFORM_BY_KIND } from '../kinds/generated/terraform';
import { inKindOrder } from '../kinds/names';
import { TEMPLATE_SUBSCRIPTION, type TemplatePath, type TemplateResource } from './arm-template';
import { checkExpanded, type InputWording, type TemplateCheck } from './check-template';
import { Unresolved } from './expression';
import type { AttributeMapping, TerraformMapping, TerraformParameterMapping, TerraformResourceMapping } from './terraform-mapping';

/** The resource group of a plan resource whose resource_group_name is not known. */
export const PLAN_RESOURCE_GROUP = 'terraform';
const AFTER_APPLY = 'known only after apply';

/** A plan: a `format_version` string with `planned_values` or `resource_changes`. */
export function isTerraformPlan(input: unknown): input is JsonObject {
  if (!isJsonObject(input as Json)) return false;
  const plan = input as JsonObject;
  return typeof plan.format_version === 'string' && (isJsonObject(plan.planned_values) || Array.isArray(plan.resource_changes));
}

interface PlanResource {
  address: string;
  moduleAddress: string;
  type: string;
  values: JsonObject;
  /** change.after_unknown (true marks a value known only after apply); null when only planned values are given. */
  unknown: Json;
  /** Only planned values: an attribute left out of them is unknown, not unset. */
  plannedOnly: boolean;
  creating: boolean;
  /** Where the resource's object is in the plan file. */
  path: TemplatePath;
}

type Lookup = { state: 'known'; value: Json } | { state: 'unknown' } | { state: 'unset' };

const MAPPINGS: ReadonlyMap<string, TerraformMapping> = new Map(inKindOrder(TERRAFORM_BY_KIND).flat().map((m) => [m.resourceType, m]));

/** The azurerm resource types a plan is read for, in kind order. */
export function mappedTerraformTypes(): string[] {
  return [...MAPPINGS.keys()];
}

export function checkTerraformPlan(plan: JsonObject, catalog: readonly ControlDefinition[], now: Date): TemplateCheck {
  const reader = new PlanReader(plan);
  reader.read();
  return checkExpanded({ resources: reader.resources, unresolved: reader.unresolved, notes: reader.notes }, catalog, now, reader.wording());
}

class PlanReader {
  readonly resources: TemplateResource[] = [];
  readonly unresolved = new Map<string, Unresolved>();
  readonly notes: string[] = [];
  private readonly ids = new Set<string>();
  private readonly idByAddress = new Map<string, string>();
  private readonly typeByAddress = new Map<string, string>();
  private readonly defaults = new Map<string, { value: Json; said: string }>();
  private readonly noDefaults = new Map<string, string>();
  private readonly blocks = new Map<string, string>();

  constructor(private readonly plan: JsonObject) {}

  read(): void {
    const planned = this.planned();
    const changes = this.plan.resource_changes;
    const list: PlanResource[] = [];
    if (changes === undefined) {
      list.push(...planned.values());
    } else {
      if (!Array.isArray(changes)) throw new WardenError('INVALID_INPUT', 'the plan\'s "resource_changes" is not an array');
      const destroyed: { address: string; type: string }[] = [];
      changes.forEach((change, index) => {
        const where = `resource_changes[${index}]`;
        if (!isJsonObject(change) || typeof change.address !== 'string' || typeof change.type !== 'string' || !isJsonObject(change.change) || !Array.isArray(change.change.actions)) {
          throw new WardenError('INVALID_INPUT', `${where} is not a resource change: it needs "address", "type" and "change" with "actions"`);
        }
        if (change.mode !== undefined && change.mode !== 'managed') return; // data sources are read, not deployed
        const actions = change.change.actions.map(String);
        if (actions.length === 1 && actions[0] === 'delete') { destroyed.push({ address: change.address, type: change.type }); return; }
        const after = change.change.after;
        if (!isJsonObject(after)) throw new WardenError('INVALID_INPUT', `${where} (${change.address}) plans ${actions.join(', ')} but "change.after" is not an object`);
        list.push({
          address: change.address,
          moduleAddress: typeof change.module_address === 'string' ? change.module_address : '',
          type: change.type,
          values: after,
          unknown: change.change.after_unknown ?? null,
          plannedOnly: false,
          creating: actions.includes('create'),
          path: planned.get(change.address)?.path ?? ['resource_changes', index],
        });
      });
      const mapped = destroyed.filter((d) => MAPPINGS.has(d.type)).map((d) => d.address);
      if (mapped.length > 0) this.notes.push(`not judged, as the plan destroys them: ${mapped.join(', ')}`);
    }
    const ofMapping = list.filter((r) => MAPPINGS.has(r.type));
    for (const resource of ofMapping) {
      const mapping = MAPPINGS.get(resource.type) as TerraformMapping;
      if (mapping.shape === 'resource') this.resource(resource, mapping);
    }
    for (const resource of ofMapping) {
      const mapping = MAPPINGS.get(resource.type) as TerraformMapping;
      if (mapping.shape === 'parameter') this.parameter(resource, mapping, ofMapping);
    }
  }

  /** planned_values' managed resources by address, child modules walked. */
  private planned(): Map<string, PlanResource> {
    const found = new Map<string, PlanResource>();
    const values = this.plan.planned_values;
    if (values === undefined) return found;
    if (!isJsonObject(values)) throw new WardenError('INVALID_INPUT', 'the plan\'s "planned_values" is not an object');
    const walk = (module: Json | undefined, path: TemplatePath, depth: number): void => {
      if (module === undefined) return;
      if (!isJsonObject(module) || depth > 50) throw new WardenError('INVALID_INPUT', `${path.join('.')} is not a plan module`);
      const resources = module.resources ?? [];
      if (!Array.isArray(resources)) throw new WardenError('INVALID_INPUT', `${path.join('.')}.resources is not an array`);
      resources.forEach((resource, index) => {
        if (!isJsonObject(resource) || typeof resource.address !== 'string' || typeof resource.type !== 'string') {
          throw new WardenError('INVALID_INPUT', `${path.join('.')}.resources[${index}] is not a planned resource: it needs "address" and "type"`);
        }
        if (resource.mode !== undefined && resource.mode !== 'managed') return;
        found.set(resource.address, {
          address: resource.address,
          moduleAddress: typeof module.address === 'string' ? module.address : '',
          type: resource.type,
          values: isJsonObject(resource.values) ? resource.values : {},
          unknown: null,
          plannedOnly: true,
          creating: false,
          path: [...path, 'resources', index],
        });
      });
      const children = module.child_modules ?? [];
      if (!Array.isArray(children)) throw new WardenError('INVALID_INPUT', `${path.join('.')}.child_modules is not an array`);
      children.forEach((child, index) => walk(child, [...path, 'child_modules', index], depth + 1));
    };
    walk(values.root_module, ['planned_values', 'root_module'], 0);
    return found;
  }

  private marker(resource: PlanResource, attribute: string): string {
    const marker = `\u0001unresolved ${this.unresolved.size}\u0001`;
    this.unresolved.set(marker, new Unresolved(`${resource.address}.${attribute}`, AFTER_APPLY));
    return marker;
  }

  private place(object: JsonObject, resource: PlanResource): void {
    this.resources.push({ object, apiVersion: null, path: resource.path, nameAsWritten: resource.address, label: resource.address });
  }

  /** An id for the resource, unique in the plan (two resources of one name in resource groups not known yet stay apart). */
  private idFor(resource: PlanResource, armType: string, names: string[], resourceGroup: string): string {
    const [provider, ...types] = armType.split('/');
    const build = (segments: string[]): string => `/subscriptions/${TEMPLATE_SUBSCRIPTION}/resourceGroups/${safe(resourceGroup)}/providers/${provider}/${types.map((t, i) => `${t}/${safe(segments[i])}`).join('/')}`;
    let id = build(names);
    if (this.ids.has(id.toLowerCase())) id = build([...names.slice(0, -1), resource.address]);
    this.ids.add(id.toLowerCase());
    return id;
  }

  private resource(resource: PlanResource, mapping: TerraformResourceMapping): void {
    const name = known(lookup(resource, 'name')) ?? resource.address;
    let resourceGroup = known(lookup(resource, 'resource_group_name')) ?? PLAN_RESOURCE_GROUP;
    const names = [name];
    if (mapping.parentIdAttribute) {
      const parentId = known(lookup(resource, mapping.parentIdAttribute));
      const parent = parentId ? parseArmId(parentId) : undefined;
      names.unshift(parent?.name ?? `${resource.address}.${mapping.parentIdAttribute}`);
      if (parent?.resourceGroup) resourceGroup = parent.resourceGroup;
    } else if (mapping.parentNameAttribute) {
      names.unshift(known(lookup(resource, mapping.parentNameAttribute)) ?? `${resource.address}.${mapping.parentNameAttribute}`);
    }
    const id = this.idFor(resource, mapping.armType, names, resourceGroup);
    this.idByAddress.set(resource.address, id);
    this.typeByAddress.set(resource.address, resource.type);
    const self: JsonObject = { id, type: mapping.armType, name, ...(mapping.kind ? { kind: mapping.kind } : {}), properties: {} };
    const documents = new Map<string, JsonObject>([['self', self]]);
    for (const attribute of mapping.attributes) {
      const block = attribute.onlyWithBlock;
      if (block && blockState(resource, block) === 'absent') {
        this.blocks.set(`${id.toLowerCase()}|${attribute.target}`, block);
        continue;
      }
      let document = documents.get(attribute.target);
      if (!document) {
        const segments = attribute.target.split('/');
        document = { id: `${id}/${attribute.target}`, type: targetDocumentType(mapping.armType, attribute.target), name: segments[segments.length - 1], properties: {} };
        documents.set(attribute.target, document);
      }
      this.attribute(resource, mapping, attribute, document);
    }
    for (const document of documents.values()) this.place(document, resource);
  }

  private attribute(resource: PlanResource, mapping: TerraformResourceMapping, attribute: AttributeMapping, document: JsonObject): void {
    let found = lookup(resource, attribute.attribute);
    let written = attribute.attribute;
    for (const former of attribute.formerly ?? []) {
      if (found.state !== 'unset') break;
      found = lookup(resource, former);
      written = former;
    }
    if (found.state === 'known') {
      setPath(document, attribute.property, attribute.translate ? attribute.translate(found.value) : found.value);
      return;
    }
    if (found.state === 'unknown') {
      setPath(document, attribute.property, this.marker(resource, written));
      return;
    }
    const key = `${String(document.id).toLowerCase()}|${attribute.property}`;
    const recorded = attribute.default;
    if (recorded && (!recorded.onCreateOnly || resource.creating)) {
      this.defaults.set(key, { value: recorded.value, said: `${resource.address} leaves ${attribute.attribute} unset: the azurerm provider's default ${JSON.stringify(recorded.value)} was applied (${recorded.source})` });
    } else if (recorded) {
      this.noDefaults.set(key, `${resource.address} leaves ${attribute.attribute} unset on a resource the plan does not create, and the provider's default (${recorded.source}) is for new resources only; set it in the configuration`);
    } else {
      this.noDefaults.set(key, `${resource.address} leaves ${attribute.attribute} unset and ${attribute.noDefault ?? `the azurerm docs (${mapping.docs}) state no default for it`}; set it in the configuration`);
    }
  }

  private parameter(resource: PlanResource, mapping: TerraformParameterMapping, all: readonly PlanResource[]): void {
    const name = known(lookup(resource, 'name'));
    if (!name) {
      this.notes.push(`${resource.address}: its name is known only after apply, so which server parameter it sets is not known; not judged`);
      return;
    }
    const serverId = this.serverOf(resource, mapping, all);
    if (!serverId) {
      this.notes.push(`${resource.address}: which ${mapping.parentResourceType} it belongs to is not known from the plan; not judged`);
      return;
    }
    const id = `${serverId}/${mapping.childSegment}/${name}`;
    const document: JsonObject = { id, type: `${mapping.parentArmType}/${mapping.childSegment}`, name, properties: {} };
    const value = lookup(resource, 'value');
    if (value.state === 'known') setPath(document, 'properties.value', typeof value.value === 'string' ? value.value : JSON.stringify(value.value));
    else if (value.state === 'unknown') setPath(document, 'properties.value', this.marker(resource, 'value'));
    else this.noDefaults.set(`${id.toLowerCase()}|properties.value`, `${resource.address} gives no value`);
    this.place(document, resource);
  }

  /** The ARM id of a parameter's server: from its server id or name when known, else from the reference the configuration makes. */
  private serverOf(resource: PlanResource, mapping: TerraformParameterMapping, all: readonly PlanResource[]): string | undefined {
    const servers = all.filter((r) => r.type === mapping.parentResourceType && this.idByAddress.has(r.address));
    const byName = (name: string, group?: string): PlanResource | undefined => {
      const matches = servers.filter((s) => known(lookup(s, 'name')) === name && (group === undefined || [undefined, group].includes(known(lookup(s, 'resource_group_name')))));
      return matches.length === 1 ? matches[0] : undefined;
    };
    if (mapping.parentIdAttribute) {
      const parentId = known(lookup(resource, mapping.parentIdAttribute));
      const parsed = parentId ? parseArmId(parentId) : undefined;
      if (parentId && parsed) {
        const server = byName(parsed.name, parsed.resourceGroup);
        return server ? this.idByAddress.get(server.address) : parentId;
      }
    }
    const group = known(lookup(resource, 'resource_group_name'));
    const parentName = mapping.parentNameAttribute ? known(lookup(resource, mapping.parentNameAttribute)) : undefined;
    if (parentName) {
      const server = byName(parentName, group);
      if (server) return this.idByAddress.get(server.address);
    }
    const referenced = this.referencedServer(resource, mapping, servers);
    if (referenced) return this.idByAddress.get(referenced.address);
    if (parentName) {
      return `/subscriptions/${TEMPLATE_SUBSCRIPTION}/resourceGroups/${safe(group ?? PLAN_RESOURCE_GROUP)}/providers/${mapping.parentArmType}/${safe(parentName)}`;
    }
    return undefined;
  }

  /** The server the configuration's expression for the parent attribute refers to (`azurerm_…_server.main.id`). */
  private referencedServer(resource: PlanResource, mapping: TerraformParameterMapping, servers: readonly PlanResource[]): PlanResource | undefined {
    let module: Json | undefined = isJsonObject(this.plan.configuration) ? this.plan.configuration.root_module : undefined;
    for (const call of resource.moduleAddress.split('.module.').map((part) => part.replace(/^module\./, '').replace(/\[.*\]$/, '')).filter(Boolean)) {
      const calls: Json | undefined = isJsonObject(module) ? module.module_calls : undefined;
      const next: Json | undefined = isJsonObject(calls) ? calls[call] : undefined;
      module = isJsonObject(next) ? next.module : undefined;
    }
    const local = resource.address.slice(resource.moduleAddress ? resource.moduleAddress.length + 1 : 0).replace(/\[[^\]]*\]$/, '');
    const configured = isJsonObject(module) && Array.isArray(module.resources)
      ? module.resources.find((r) => isJsonObject(r) && r.address === local)
      : undefined;
    const expressions = isJsonObject(configured) && isJsonObject(configured.expressions) ? configured.expressions : {};
    const prefix = resource.moduleAddress ? `${resource.moduleAddress}.` : '';
    for (const attribute of [mapping.parentIdAttribute, mapping.parentNameAttribute]) {
      const expression = attribute ? expressions[attribute] : undefined;
      const references = isJsonObject(expression) && Array.isArray(expression.references) ? expression.references : [];
      for (const reference of references) {
        const match = typeof reference === 'string' ? /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)(\[[^\]]*\])?/.exec(reference) : null;
        if (!match || match[1] !== mapping.parentResourceType) continue;
        const base = `${prefix}${match[1]}.${match[2]}`;
        const exact = servers.find((s) => s.address === `${base}${match[3] ?? ''}`);
        if (exact) return exact;
        const indexed = servers.filter((s) => s.address.startsWith(`${base}[`));
        const sameIndex = indexed.find((s) => s.address.slice(base.length) === /\[[^\]]*\]$/.exec(resource.address)?.[0]);
        if (sameIndex) return sameIndex;
        if (indexed.length === 1) return indexed[0];
      }
    }
    return undefined;
  }

  wording(): InputWording {
    return {
      unresolved: (parts) => {
        const named = parts.slice(0, 3).map((u) => u.expression).join(', ');
        return `not known until apply: the plan leaves ${named}${parts.length > 3 ? ` and ${parts.length - 3} more` : ''} ${AFTER_APPLY}`;
      },
      noChild: (target, where) => {
        const id = this.idByAddress.get(where.path);
        const block = id ? this.blocks.get(`${id.toLowerCase()}|${target}`) : undefined;
        if (block) return `${where.path} has no ${block} block, so the plan writes no ${target}; what Azure holds for it is not in the plan`;
        const type = this.typeByAddress.get(where.path);
        const parameter = [...MAPPINGS.values()].find((m): m is TerraformParameterMapping => m.shape === 'parameter' && m.parentResourceType === type);
        if (parameter && target.startsWith(`${parameter.childSegment}/`)) {
          return `the plan has no ${parameter.resourceType} named ${target.slice(parameter.childSegment.length + 1)} for ${where.path}: the server keeps its own default, which a plan does not show; set it with that resource`;
        }
        return `the plan writes no ${target} for ${where.path}`;
      },
      defaultFor: (document, path) => this.defaults.get(`${document.id.toLowerCase()}|${path}`),
      noDefault: (document, path, where) => this.noDefaults.get(`${document.id.toLowerCase()}|${path}`)
        ?? `${where.path}: the plan does not set ${path}, and no azurerm attribute is mapped to it`,
    };
  }
}

/** The value at a dotted attribute path; a nested block (a list of one object) stands for its first element. */
function lookup(resource: PlanResource, attribute: string): Lookup {
  let value: Json | undefined = resource.values;
  let unknown: Json | undefined = resource.unknown;
  for (const key of attribute.split('.')) {
    value = first(value);
    unknown = first(unknown);
    if (unknown === true) return { state: 'unknown' };
    if (!isJsonObject(value)) return { state: 'unset' };
    // Planned values leave out what is known only after apply; null is an attribute set to nothing.
    if (resource.plannedOnly && !(key in value)) return { state: 'unknown' };
    value = value[key];
    unknown = isJsonObject(unknown) ? unknown[key] : undefined;
  }
  if (first(unknown) === true || unknown === true) return { state: 'unknown' };
  return value === undefined || value === null ? { state: 'unset' } : { state: 'known', value };
}

function blockState(resource: PlanResource, block: string): 'present' | 'unknown' | 'absent' {
  const found = lookup(resource, block);
  if (found.state === 'unknown') return 'unknown';
  if (found.state === 'unset') return 'absent';
  return Array.isArray(found.value) && found.value.length === 0 ? 'absent' : 'present';
}

function first(value: Json | undefined): Json | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function known(found: Lookup): string | undefined {
  return found.state === 'known' && typeof found.value === 'string' && found.value !== '' ? found.value : undefined;
}

function parseArmId(id: string): { name: string; resourceGroup?: string } | undefined {
  const segments = id.split('/').filter(Boolean);
  if (segments.length < 2 || !/^\/subscriptions\//i.test(id)) return undefined;
  const groupAt = segments.findIndex((s) => s.toLowerCase() === 'resourcegroups');
  return { name: segments[segments.length - 1], resourceGroup: groupAt >= 0 ? segments[groupAt + 1] : undefined };
}

const UNSAFE_IN_SEGMENT = /[\u0000-\u001f\u007f%\\?#&<>*:"|/]/g;
function safe(segment: string): string {
  return segment.replace(UNSAFE_IN_SEGMENT, '_') || '_';
}

function setPath(object: JsonObject, path: string, value: Json): void {
  const keys = path.split('.');
  let current: JsonObject = object;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (!isJsonObject(next)) current[key] = {};
    current = current[key] as JsonObject;
  }
  current[keys[keys.length - 1]] = value;
}
