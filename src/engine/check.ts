import type { ArmObject, ControlDefinition, Json } from '../controls/types';
import { SELF, controlsFor, sameType, readPath, targetDocumentType } from '../controls/types';
import { isJsonObject } from '../core/json';
import { runControl } from '../controls/run';
import { parseResourceId, resourceGroupIdOf, selfAndAncestors, type ResourceId } from '../core/resource-id';
import { WardenError, describeError } from '../errors';
import { resolveExemption } from './exemptions';
import { normalizeTags, tagsOf, type TagMap } from './tags';

/** One line of `check` output; field names are the contract in DESIGN.md. */
export interface CheckResult {
  resourceId: string;
  resourceType: string;
  control: string;
  status: 'pass' | 'fail' | 'exempt' | 'error';
  path: string | null;
  actual: Json | null;
  expected: Json | null;
  reason: string;
}

/** A resource group as ARM spells its type, and as Resource Graph's `resourcecontainers` table does. */
const RESOURCE_GROUP_TYPES = ['Microsoft.Resources/resourceGroups', 'Microsoft.Resources/subscriptions/resourceGroups'];
const RG_ID = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)$/i;

/** Accepts one object, an array, `{value:[…]}` as list calls return, or `{data:[…]}` as Resource Graph does. */
export function toObjectList(input: unknown): ArmObject[] {
  const wrapper = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as { value?: unknown; data?: unknown; id?: unknown }) : undefined;
  const list = Array.isArray(input)
    ? input
    : Array.isArray(wrapper?.value)
      ? wrapper.value
      // Resource Graph (the REST answer and `az graph query`) puts its rows under `data`; a resource
      // itself (it has an id) is never read as such a wrapper.
      : Array.isArray(wrapper?.data) && typeof wrapper?.id !== 'string'
        ? wrapper.data
        : [input];
  return list.map((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new WardenError('INVALID_INPUT', `item ${index} is not a JSON object`);
    }
    const object = item as ArmObject;
    if (typeof object.id !== 'string' || typeof object.type !== 'string') {
      throw new WardenError('INVALID_INPUT', `item ${index} needs string "id" and "type" fields (ARM resource JSON as GET returns it)`);
    }
    return object;
  });
}

/** One resource with the child documents found for it in the input. */
export interface ObjectGroup {
  owner: ResourceId;
  resource?: ArmObject;
  documents: Map<string, ArmObject>;
}

/** An object of a covered type whose id is not a usable resource id: each of its controls reports `error`. */
export interface UnusableObject {
  id: string;
  type: string;
  reason: string;
}

export interface GroupedObjects {
  groups: Map<string, ObjectGroup>;
  unusable: UnusableObject[];
  /** Tags of resource-group objects in the input, by lower-cased resource-group id. */
  groupTags: Map<string, TagMap>;
}

/**
 * Groups ARM objects by the resource the controls evaluate: child documents (`…/config/web`,
 * `…/configurations/x`) join their owner by id; types no control covers are left out before their
 * id is read (subscription-scoped, extension and tenant-level objects in `az resource list` or
 * Resource Graph output have ids this parser refuses, and say nothing about the controls). An object
 * of a covered type whose id is not a resource id (a placeholder subscription in an example, an
 * extension resource) is set aside as unusable, so the rest of the input is still judged. Throws
 * INVALID_INPUT for input that is not ARM objects at all.
 */
export function groupObjects(input: unknown, catalog: readonly ControlDefinition[]): GroupedObjects {
  const objects = toObjectList(input);
  const groupTags = new Map<string, TagMap>();
  const groups = new Map<string, ObjectGroup>();
  const unusable: UnusableObject[] = [];
  const targetsOf = (type: string): string[] =>
    [...new Set(controlsFor(catalog, type).map((c) => c.target))];
  const covered = coveredTypes(catalog);

  objects.forEach((object, index) => {
    const id = object.id as string;
    const type = object.type as string;
    if (RESOURCE_GROUP_TYPES.some((rgType) => sameType(type, rgType))) {
      if (!RG_ID.test(id)) throw new WardenError('INVALID_INPUT', `item ${index}: ${JSON.stringify(id)} is not a resource group id`);
      groupTags.set(id.toLowerCase(), tagsOf(object));
      return;
    }
    if (!covered.has(type.toLowerCase())) return; // a type no control covers: nothing to say about it
    let parsed: ResourceId;
    try {
      parsed = parseResourceId(id);
    } catch (err) {
      unusable.push({ id, type, reason: `item ${index}: ${describeError(err)}` });
      return;
    }
    const placement = placeObject(parsed, targetsOf);
    if (!placement) return; // a type no control covers: nothing to say about it
    const key = placement.owner.id.toLowerCase();
    const group: ObjectGroup = groups.get(key) ?? { owner: placement.owner, documents: new Map<string, ArmObject>() };
    if (placement.target === SELF) group.resource = object;
    else group.documents.set(placement.target, object);
    groups.set(key, group);
  });
  return { groups, unusable, groupTags };
}

/**
 * Offline evaluation of ARM JSON, exactly as the engine evaluates (same controls, same exemption
 * rules) but nothing is read from or written to Azure. Throws INVALID_INPUT for malformed input.
 */
export function checkResources(input: unknown, catalog: readonly ControlDefinition[], now: Date): CheckResult[] {
  return checkGroups(groupObjects(input, catalog), catalog, now);
}

/** checkResources over objects already grouped (the sweep groups once and reuses the groups as hints). */
export function checkGroups({ groups, unusable, groupTags }: GroupedObjects, catalog: readonly ControlDefinition[], now: Date): CheckResult[] {
  const results: CheckResult[] = [];
  for (const object of unusable) {
    for (const control of controlsReading(catalog, object.type)) {
      results.push({
        resourceId: object.id, resourceType: object.type, control: control.id, status: 'error', path: null, actual: null, expected: null,
        reason: `not judged: the id is not a resource in a resource group (${object.reason})`,
      });
    }
  }
  for (const group of groups.values()) {
    const resource: ArmObject = group.resource ?? { id: group.owner.id, type: group.owner.type };
    const rgTags = groupTags.get(resourceGroupIdOf(group.owner).toLowerCase()) ?? {};
    for (const control of controlsFor(catalog, group.owner.type)) {
      const result = checkOne(control, group, resource, rgTags, now);
      if (result) results.push(result);
    }
  }
  return results;
}

/** The controls that read an object of `type`: as their resource, or as the child document they target. */
function controlsReading(catalog: readonly ControlDefinition[], type: string): ControlDefinition[] {
  const lower = type.toLowerCase();
  return catalog.filter((control) => documentTypesOf(control).includes(lower));
}

/** Lower-cased types of the objects one control reads (its resource types and its document's types). */
function documentTypesOf(control: ControlDefinition): string[] {
  return control.resourceTypes.flatMap((type) => [type.toLowerCase(), targetDocumentType(type, control.target).toLowerCase()]);
}

/**
 * Lower-cased types of the objects a control can read: the types the catalog names and, for a
 * control on a child document, that document's type (`Microsoft.Web/sites/config` for `config/web`,
 * `…/flexibleServers/configurations` for `configurations/x`).
 */
function coveredTypes(catalog: readonly ControlDefinition[]): Set<string> {
  return new Set(catalog.flatMap(documentTypesOf));
}

/** Which resource an object belongs to and as which document, or undefined when no control covers it. */
function placeObject(id: ResourceId, targetsOf: (type: string) => string[]): { owner: ResourceId; target: string } | undefined {
  for (const { resource: owner, below } of selfAndAncestors(id)) {
    const targets = targetsOf(owner.type);
    if (targets.length === 0) continue;
    if (below === '') return { owner, target: SELF };
    const target = targets.find((t) => t.toLowerCase() === below.toLowerCase());
    return target ? { owner, target } : undefined;
  }
  return undefined;
}

/** One control on one grouped resource, as `check` reports it (undefined: nothing to report). */
export function checkOne(control: ControlDefinition, group: ObjectGroup, resource: ArmObject, rgTags: TagMap, now: Date): CheckResult | undefined {
  const base = { resourceId: group.owner.id, resourceType: (resource.type as string) ?? group.owner.type, control: control.id };
  let document = control.target === SELF ? group.resource : group.documents.get(control.target);
  let fromEmbeddedSiteConfig = false;
  if (!document && control.target === 'config/web' && group.resource) {
    // A site GET embeds siteConfig, but ARM leaves the TLS/FTPS fields null there; use it only
    // where it actually carries a value (as in exported templates), and say so otherwise.
    const siteConfig = readPath(group.resource, 'properties.siteConfig');
    if (siteConfig && typeof siteConfig === 'object' && !Array.isArray(siteConfig)) {
      document = { id: `${group.owner.id}/config/web`, type: `${group.owner.type}/config`, properties: siteConfig };
      fromEmbeddedSiteConfig = true;
    }
  }
  if (!document) {
    if (control.target === SELF) return undefined; // only child documents were supplied
    return { ...base, status: 'error', path: null, actual: null, expected: null, reason: `the ${control.target} document was not supplied; include the object with id ${group.owner.id}/${control.target}` };
  }
  if (!isJsonObject(document.properties)) {
    // `az resource list` returns `"properties": null` for every resource: judging that would call
    // compliant resources noncompliant, so say what is missing, as for a missing config/web.
    return { ...base, status: 'error', path: null, actual: null, expected: null, reason: missingProperties(group.owner.id, control.target, document.properties) };
  }
  const verdict = runControl(control, document, resource);
  if (verdict.status === 'error') return { ...base, status: 'error', path: null, actual: null, expected: null, reason: verdict.reason };
  if (verdict.status === 'not-applicable') return undefined;
  if (verdict.status === 'pass') return { ...base, status: 'pass', path: null, actual: null, expected: null, reason: 'compliant' };
  if (fromEmbeddedSiteConfig && (verdict.actual === null || verdict.actual === undefined)) {
    return {
      ...base, status: 'error', path: verdict.path, actual: null, expected: verdict.expected,
      reason: `properties.siteConfig in a site GET leaves this field null; include the ${group.owner.id}/config/web object to evaluate it`,
    };
  }
  const exemption = resolveExemption(control.id, normalizeTags(resource.tags), rgTags, now);
  if (exemption && !exemption.problem) {
    return { ...base, status: 'exempt', path: verdict.path, actual: verdict.actual ?? null, expected: verdict.expected, reason: `exempt by tag on the ${exemption.detail.source}: ${exemption.detail.reason}` };
  }
  return {
    ...base, status: 'fail', path: verdict.path, actual: verdict.actual ?? null, expected: verdict.expected,
    reason: exemption?.problem ? `${verdict.reason}; ${exemption.problem}` : verdict.reason,
  };
}

/** Why an object without a `properties` object cannot be evaluated, and where to get one that has it. */
function missingProperties(ownerId: string, target: string, properties: Json | undefined): string {
  const documentId = target === SELF ? ownerId : `${ownerId}/${target}`;
  const found = properties === undefined ? 'absent' : properties === null ? 'null, as `az resource list` returns it' : `${Array.isArray(properties) ? 'an array' : `a ${typeof properties}`}, not an object`;
  return `${target === SELF ? '' : `${target} `}properties not supplied ("properties" is ${found}); `
    + `supply the object as an ARM GET returns it: \`az resource show --ids ${documentId}\`, an ARM list call through \`az rest\`, `
    + `or a Resource Graph query (\`az graph query -q "…" --query data\`)`;
}
