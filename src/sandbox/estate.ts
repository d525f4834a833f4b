import { type ArmObject, type Json } from '../controls/types';
import { cloneJson } from '../core/json';
import { isSubscriptionId, parseResourceId } from '../core/resource-id';
import { WardenError, describeError } from '../errors';
import { isObject } from './json';
import type { SandboxType, TypeRegistry } from './kinds';

export const RESOURCE_GROUP_TYPE = 'Microsoft.Resources/resourceGroups';

const RESOURCE_GROUP_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i;

/** ARM ids compare case-insensitively; the sandbox keys everything on the lower-cased id. */
export function keyOf(id: string): string {
  return (id.endsWith('/') ? id.slice(0, -1) : id).toLowerCase();
}

/** The lower-cased resource group id a resource id lives in, or undefined for non-resource ids. */
export function groupKeyOf(key: string): string | undefined {
  const parts = key.split('/', 5);
  return parts.length >= 5 && parts[3] === 'resourcegroups' ? `/${parts[1]}/${parts[2]}/${parts[3]}/${parts[4]}` : undefined;
}

interface Checked {
  object: ArmObject;
  key: string;
  /** Lower-cased id of the owning resource (for slots and child documents), checked to exist. */
  parentKey?: string;
  rule?: SandboxType;
}

function invalid(where: string, why: string): WardenError {
  return new WardenError('INVALID_INPUT', `estate ${where}: ${why}`);
}

/** Validates one estate object: string id and type, a parseable id, and a type that agrees with it. */
export function checkObject(value: unknown, where: string, registry: TypeRegistry): Checked {
  if (!isObject(value as Json)) throw invalid(where, 'is not a JSON object');
  const object = value as ArmObject;
  const { id, type } = object;
  if (typeof id !== 'string' || id === '') throw invalid(where, 'has no string "id"');
  const at = `${where} (id ${JSON.stringify(id)})`;
  if (typeof type !== 'string' || type === '') throw invalid(at, 'has no string "type"');
  if (object.properties !== undefined && !isObject(object.properties)) throw invalid(at, '"properties" must be an object');
  if (object.tags !== undefined && object.tags !== null && !isObject(object.tags)) throw invalid(at, '"tags" must be an object or null');

  const group = RESOURCE_GROUP_ID.exec(id);
  if (group) {
    if (!isSubscriptionId(group[1])) throw invalid(at, 'the subscription id is not a GUID');
    if (type.toLowerCase() !== RESOURCE_GROUP_TYPE.toLowerCase()) {
      throw invalid(at, `the id names a resource group, so "type" must be ${RESOURCE_GROUP_TYPE}, not ${JSON.stringify(type)}`);
    }
    return { object, key: keyOf(id), rule: registry.get(type) };
  }
  let parsed;
  try {
    parsed = parseResourceId(id);
  } catch (err) {
    throw invalid(at, describeError(err));
  }
  if (parsed.type.toLowerCase() !== type.toLowerCase()) {
    throw invalid(at, `"type" is ${JSON.stringify(type)} but the id names a ${JSON.stringify(parsed.type)}`);
  }
  const rule = registry.get(type, parsed.names[parsed.names.length - 1]);
  const key = keyOf(parsed.id);
  const checked: Checked = { object, key, rule };
  // Slots and child documents need their owner; unknown types are stored as given (for sweeps) without that check.
  if (rule && parsed.typeSegments.length > 1) checked.parentKey = key.slice(0, key.lastIndexOf('/', key.lastIndexOf('/') - 1));
  return checked;
}

/**
 * The estate: ARM objects keyed by lower-cased id, in load order. Objects are the sandbox's own
 * copies; callers get deep copies.
 */
export class Estate {
  private readonly objects = new Map<string, ArmObject>();
  /** Resources per resource group, so a group that holds resources exists even when not in the estate. */
  private readonly groups = new Map<string, { count: number; location: string }>();

  /** Bumped whenever an object is added or removed (not when one is replaced or changed), for caches of membership. */
  private membershipVersion = 0;

  constructor(private readonly registry: TypeRegistry) {}

  get version(): number {
    return this.membershipVersion;
  }

  /** Replaces the whole estate; validates everything before changing anything. */
  load(estate: unknown): void {
    if (!Array.isArray(estate)) throw new WardenError('INVALID_INPUT', 'estate must be a JSON array of ARM objects');
    const checked: Checked[] = [];
    const seen = new Map<string, number>();
    estate.forEach((value: unknown, index) => {
      const item = checkObject(value, `[${index}]`, this.registry);
      const earlier = seen.get(item.key);
      if (earlier !== undefined) {
        throw invalid(`[${index}] (id ${JSON.stringify(item.object.id)})`, `duplicates the id of [${earlier}] (ids are case-insensitive)`);
      }
      seen.set(item.key, index);
      checked.push(item);
    });
    checked.forEach((item, index) => {
      if (item.parentKey !== undefined && !seen.has(item.parentKey)) {
        throw invalid(`[${index}] (id ${JSON.stringify(item.object.id)})`, 'its parent resource is not in the estate');
      }
    });
    this.objects.clear();
    this.membershipVersion += 1;
    this.groups.clear();
    for (const item of checked) this.insert(item, seen);
  }

  /** Adds or replaces one object (a replaced object keeps its place in the estate order). */
  set(value: unknown): void {
    const item = checkObject(value, 'object', this.registry);
    if (item.parentKey !== undefined && !this.objects.has(item.parentKey)) {
      throw invalid(`object (id ${JSON.stringify(item.object.id)})`, 'its parent resource is not in the estate');
    }
    const existing = this.objects.get(item.key);
    if (existing) this.untrack(item.key);
    this.insert(item, this.objects);
  }

  /** Removes the object and everything under it (a site takes its config/web and slots along). */
  delete(id: string): boolean {
    const key = keyOf(id);
    const prefix = `${key}/`;
    let removed = false;
    for (const k of [...this.objects.keys()]) {
      if (k === key || k.startsWith(prefix)) {
        this.objects.delete(k);
        this.membershipVersion += 1;
        this.untrack(k);
        removed = true;
      }
    }
    return removed;
  }

  /** The stored object itself (not a copy): for the request handlers only. */
  stored(key: string): ArmObject | undefined {
    return this.objects.get(key);
  }

  /** Location of a group that holds resources, or undefined when none does. */
  implicitGroup(groupKey: string): { location: string } | undefined {
    return this.groups.get(groupKey);
  }

  values(): IterableIterator<ArmObject> {
    return this.objects.values();
  }

  private insert(item: Checked, present: { has(key: string): boolean }): void {
    if (!this.objects.has(item.key)) this.membershipVersion += 1;
    const object: ArmObject = cloneJson(item.object);
    // defaultChildren only reads the owner (and copies what it takes), so it sees it before normalize.
    const seed = item.rule?.defaultChildren ? item.rule.defaultChildren(object) : [];
    item.rule?.normalize?.(object);
    this.objects.set(item.key, object);
    this.track(item.key, object);
    for (const child of seed) {
      const childKey = keyOf(String(child.id));
      if (present.has(childKey) || this.objects.has(childKey)) continue;
      this.objects.set(childKey, child);
      this.track(childKey, child);
    }
  }

  private track(key: string, object: ArmObject): void {
    const group = groupKeyOf(key);
    if (group === undefined || group === key) return;
    const entry = this.groups.get(group);
    if (entry) entry.count += 1;
    else this.groups.set(group, { count: 1, location: typeof object.location === 'string' ? object.location : 'westeurope' });
  }

  private untrack(key: string): void {
    const group = groupKeyOf(key);
    if (group === undefined || group === key) return;
    const entry = this.groups.get(group);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count <= 0) this.groups.delete(group);
  }
}
