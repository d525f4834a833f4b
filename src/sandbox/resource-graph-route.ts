import { createHash } from 'node:crypto';
import { type ArmObject, type Json, type JsonObject } from '../controls/types';
import { cloneJson } from '../core/json';
import { armError } from './arm-errors';
import type { ArmSandbox, SandboxRequest, SandboxRoute, SandboxRouteReply } from './arm-sandbox';
import { pathKey } from './paths';
import { RESOURCE_GROUP_TYPE } from './estate';
import { isObject, parseJsonObject } from './json';
import { GRAPH_ABSENT_TYPES } from '../kinds/graph-coverage';

/** api-versions of Microsoft.ResourceGraph/resources; 2021-03-01 is what @azure/arm-resourcegraph 4.2 sends. */
const GRAPH_API_VERSIONS = ['2021-03-01', '2022-10-01', '2024-04-01'];
const GRAPH_PATH = '/providers/microsoft.resourcegraph/resources';
export const GRAPH_RESOURCE_TYPE = 'Microsoft.ResourceGraph/resources';
/** Graph's default page when `$top` is absent, and its maximum. */
const DEFAULT_TOP = 100;
const MAX_TOP = 1000;

/** Child documents that live in the App Service table rather than `resources`. */
const APP_SERVICE_TABLE_TYPES = new Set(['microsoft.web/sites/config', 'microsoft.web/sites/slots/config']);

/**
 * The one query shape the sweep emits (see graphQueryText in src/azure/resource-graph.ts). Anything
 * else is answered with 400, so a change to the query fails here before it surprises anyone in Azure.
 */
const QUERY = /^\s*(resources|appserviceresources|resourcecontainers)\s*\|\s*where\s+type\s+in~\s*\(([^)]*)\)\s*\|\s*project\s+([A-Za-z_][\w]*(?:\s*,\s*[A-Za-z_][\w]*)*)\s*\|\s*order\s+by\s+id\s+asc\s*$/i;
const TYPE_LITERAL = /^\s*'([^']+)'\s*$/;
const COLUMNS = new Set(['id', 'name', 'type', 'kind', 'location', 'tags', 'properties']);

interface ParsedQuery {
  table: 'resources' | 'appserviceresources' | 'resourcecontainers';
  types: Set<string>;
  columns: string[];
}

function badRequest(message: string): SandboxRouteReply {
  // Graph answers query problems with 400 BadRequest and ARM's error body.
  return { ...armError(400, 'BadRequest', message), kind: 'read', resourceType: GRAPH_RESOURCE_TYPE };
}

export function parseGraphQuery(text: string): ParsedQuery | string {
  const match = QUERY.exec(text);
  if (!match) return `the sandbox's Resource Graph serves only "<table> | where type in~ (...) | project ... | order by id asc", got: ${text}`;
  const types = new Set<string>();
  for (const literal of match[2].split(',')) {
    const type = TYPE_LITERAL.exec(literal);
    if (!type) return `cannot read the type list in: ${text}`;
    types.add(type[1].toLowerCase());
  }
  const columns = match[3].split(',').map((c) => c.trim());
  const unknown = columns.filter((c) => !COLUMNS.has(c));
  if (unknown.length > 0) return `unknown columns ${unknown.join(', ')} in: ${text}`;
  if (!columns.includes('id')) return 'the query must project id to be paged';
  return { table: match[1].toLowerCase() as ParsedQuery['table'], types, columns };
}

/** Graph spells App Service table properties in PascalCase; the sandbox does too, to exercise the normaliser. */
function pascalKeys(properties: Json | undefined): Json | undefined {
  if (!isObject(properties)) return properties;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(properties)) result[key.length > 0 ? key[0].toUpperCase() + key.slice(1) : key] = value;
  return result;
}

function subscriptionOf(id: string): string | undefined {
  const match = /^\/subscriptions\/([^/]+)\//i.exec(id);
  return match ? match[1].toLowerCase() : undefined;
}

interface SkipToken {
  scope: string;
  offset: number;
}

function scopeHash(query: string, subscriptions: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify([query, [...subscriptions].sort()])).digest('hex').slice(0, 16);
}

function encodeToken(token: SkipToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): SkipToken | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!isObject(parsed as Json)) return undefined;
    const { scope, offset } = parsed as { scope?: unknown; offset?: unknown };
    return typeof scope === 'string' && typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? { scope, offset } : undefined;
  } catch {
    return undefined;
  }
}

function rowFor(object: Readonly<ArmObject>, table: ParsedQuery['table'], columns: readonly string[]): JsonObject {
  const row: JsonObject = {};
  for (const column of columns) {
    let value: Json | undefined = object[column];
    // Graph reports types in lower case, whatever ARM's GET says.
    if (column === 'type' && typeof value === 'string') value = value.toLowerCase();
    if (column === 'properties' && table === 'appserviceresources') value = pascalKeys(value);
    row[column] = value === undefined ? null : cloneJson(value);
  }
  return row;
}

/**
 * `POST /providers/Microsoft.ResourceGraph/resources` over the sandbox's estate, for the sweep's
 * ResourceGraphSource. Filters by the request's subscriptions, pages at `$top` (at most 1,000) with
 * an opaque `$skipToken` bound to the query and scope, and answers rows in GET's wire shape. Calls
 * are logged as reads of `Microsoft.ResourceGraph/resources`.
 */
export function resourceGraphRoute(sandbox: ArmSandbox): SandboxRoute {
  return (request: SandboxRequest): SandboxRouteReply | undefined => {
    if (request.key !== GRAPH_PATH) return undefined;
    const reply = answer(request, sandbox);
    return { kind: 'read', resourceType: GRAPH_RESOURCE_TYPE, ...reply };
  };
}

function answer(request: SandboxRequest, sandbox: ArmSandbox): SandboxRouteReply {
  if (request.method !== 'POST') return { ...armError(405, 'MethodNotAllowed', `Resource Graph queries are POSTs, not ${request.method}.`) };
  const apiVersion = request.apiVersion;
  if (!apiVersion) return badRequest('The api-version query parameter (?api-version=) is required for all requests.');
  if (!GRAPH_API_VERSIONS.includes(apiVersion.toLowerCase())) {
    return badRequest(`The api-version '${apiVersion}' is invalid. The supported versions are '${GRAPH_API_VERSIONS.join(', ')}'.`);
  }
  const body = request.bodyText === undefined ? undefined : parseJsonObject(request.bodyText);
  if (!body) return badRequest('The request content was invalid and could not be deserialized.');
  const { subscriptions, managementGroups, query, options } = body;
  let scope: Set<string>;
  if (managementGroups !== undefined && subscriptions === undefined) {
    if (!Array.isArray(managementGroups) || managementGroups.length === 0 || !managementGroups.every((g) => typeof g === 'string')) {
      return badRequest('managementGroups must be a non-empty array of management group names.');
    }
    const unknown = managementGroups.map(String).filter((g) => !sandbox.managementGroups.has(g));
    // Graph answers a scope the caller cannot see with 403; the sandbox's caller sees every group it has.
    if (unknown.length > 0) return { ...armError(403, 'AuthorizationFailed', `no access to management group(s) ${unknown.join(', ')}.`) };
    scope = new Set(sandbox.managementGroups.subscriptionsUnder(managementGroups.map(String)));
  } else if (!Array.isArray(subscriptions) || subscriptions.length === 0 || !subscriptions.every((s) => typeof s === 'string')) {
    // Graph would run a tenant-wide query; the sweep never asks for one, so the sandbox refuses it.
    return badRequest('subscriptions must be a non-empty array of subscription ids (the sandbox serves no tenant-wide queries).');
  } else {
    scope = new Set(subscriptions.map((s) => String(s).toLowerCase()));
  }
  if (typeof query !== 'string') return badRequest('query must be a string.');
  if (options !== undefined && !isObject(options)) return badRequest('options must be an object.');
  const top = options?.$top ?? DEFAULT_TOP;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    return badRequest(`$top must be a whole number from 1 to ${MAX_TOP}, got ${JSON.stringify(top)}.`);
  }
  const format = options?.resultFormat ?? 'objectArray';
  if (format !== 'objectArray') return badRequest(`the sandbox answers resultFormat objectArray only, got ${JSON.stringify(format)}.`);

  const parsed = parseGraphQuery(query);
  if (typeof parsed === 'string') return badRequest(parsed);

  const scopeKey = scopeHash(query, [...scope]);
  let offset = typeof options?.$skip === 'number' ? options.$skip : 0;
  const tokenText = options?.$skipToken;
  if (tokenText !== undefined && tokenText !== null) {
    const token = typeof tokenText === 'string' ? decodeToken(tokenText) : undefined;
    // Graph binds a skip token to the query and scope that produced it.
    if (!token || token.scope !== scopeKey) return badRequest('$skipToken is invalid or belongs to a different query or scope.');
    offset = token.offset;
  }

  const matches = parsed.table === 'resourcecontainers' ? subscriptionRows(sandbox, scope, parsed) : tableRows(sandbox, scope, parsed, scopeKey);
  const page = matches.slice(offset, offset + top);
  const next = offset + page.length;
  const responseBody: JsonObject = {
    totalRecords: matches.length,
    count: page.length,
    resultTruncated: 'false',
    facets: [],
    data: page.map((object) => rowFor(object, parsed.table, parsed.columns)),
  };
  if (next < matches.length) responseBody.$skipToken = encodeToken({ scope: scopeKey, offset: next });
  return { status: 200, body: responseBody };
}

/** A lazily read list: the page's objects are looked up as they are now, not as they were when the list was sorted. */
interface Matches {
  length: number;
  slice(start: number, end: number): Readonly<ArmObject>[];
}

function tableRows(sandbox: ArmSandbox, scope: ReadonlySet<string>, parsed: ParsedQuery, scopeKey: string): Matches {
  // A query's pages reuse one sorted list of ids while no object is added or removed: sorting
  // 100,000 objects for each of a hundred pages would make the scale benchmark measure the sandbox.
  const version = sandbox.estateVersion;
  const cached = matchCache.get(sandbox);
  const keys = cached && cached.scopeKey === scopeKey && cached.version === version ? cached.keys : sortedKeys(sandbox, scope, parsed);
  if (keys !== cached?.keys) matchCache.set(sandbox, { scopeKey, version, keys });
  return {
    length: keys.length,
    slice: (start, end) => keys.slice(start, end).flatMap((key) => {
      const object = sandbox.stored(key);
      return object ? [object] : [];
    }),
  };
}

function sortedKeys(sandbox: ArmSandbox, scope: ReadonlySet<string>, parsed: ParsedQuery): string[] {
  const matches: Readonly<ArmObject>[] = [];
  for (const object of sandbox.objects()) {
    const id = object.id;
    const type = typeof object.type === 'string' ? object.type.toLowerCase() : '';
    if (typeof id !== 'string' || type === RESOURCE_GROUP_TYPE.toLowerCase()) continue;
    const inAppServiceTable = APP_SERVICE_TABLE_TYPES.has(type);
    if (inAppServiceTable !== (parsed.table === 'appserviceresources')) continue;
    // Graph has no rows of these (the kinds' facts cite where that is documented): neither has the sandbox.
    if (!parsed.types.has(type) || GRAPH_ABSENT_TYPES.has(type)) continue;
    const subscription = subscriptionOf(id);
    if (subscription === undefined || !scope.has(subscription)) continue;
    matches.push(object);
  }
  matches.sort(byId);
  return matches.map((object) => String(object.id).toLowerCase());
}

const matchCache = new WeakMap<ArmSandbox, { scopeKey: string; version: number; keys: string[] }>();

function byId(a: Readonly<ArmObject>, b: Readonly<ArmObject>): number {
  const x = String(a.id).toLowerCase();
  const y = String(b.id).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `resourcecontainers` rows of the subscriptions in scope, shaped as Graph answers them: id
 * `/subscriptions/{id}`, type `microsoft.resources/subscriptions`, and the management-group chain
 * under `properties.managementGroupAncestorsChain` (nearest first).
 */
function subscriptionRows(sandbox: ArmSandbox, scope: ReadonlySet<string>, parsed: ParsedQuery): Readonly<ArmObject>[] {
  if (!parsed.types.has('microsoft.resources/subscriptions')) return [];
  return [...scope].sort().map((subscriptionId) => ({
    id: `/subscriptions/${subscriptionId}`,
    name: subscriptionId,
    type: 'microsoft.resources/subscriptions',
    properties: {
      state: 'Enabled',
      managementGroupAncestorsChain: sandbox.managementGroups.ancestorsOf(subscriptionId).map((name) => ({ name, displayName: name })),
    },
  }));
}

/**
 * ARM list endpoints for the ListSource fallback (src/azure/list-source.ts), over the estate:
 * `GET /subscriptions/{s}/providers/{ns}/{type}` (list by subscription) and
 * `GET /subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}/{childType}` (children,
 * e.g. a site's slots). One page, `{value: [...]}`; logged as reads of the listed type.
 */
export function armListRoute(sandbox: ArmSandbox): SandboxRoute {
  return (request: SandboxRequest): SandboxRouteReply | undefined => {
    if (request.method !== 'GET') return undefined;
    // Decoded once by the sandbox. The prefix is a key (pathKey), so an encoded slash in a name
    // never reaches past it; a namespace or type never holds one (`Microsoft.Web%2Fsites` is no type).
    const segments = request.segments;
    let owner: readonly string[];
    let typeSegments: readonly string[];
    if (segments.length === 5 && segments[0].toLowerCase() === 'subscriptions' && segments[2].toLowerCase() === 'providers') {
      owner = segments.slice(0, 2);
      typeSegments = [segments[3], segments[4]];
    } else if (segments.length === 9 && segments[0].toLowerCase() === 'subscriptions' && segments[2].toLowerCase() === 'resourcegroups' && segments[4].toLowerCase() === 'providers') {
      owner = segments.slice(0, 8);
      typeSegments = [segments[5], segments[6], segments[8]];
    } else {
      return undefined;
    }
    if (typeSegments.some((segment) => segment.includes('/'))) return undefined;
    const prefix = `${pathKey(owner)}/`;
    const type = typeSegments.join('/');
    if (!request.apiVersion) {
      return { ...armError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.'), kind: 'read', resourceType: type };
    }
    const value: Json[] = [];
    for (const key of listIndex(sandbox).get(`${type.toLowerCase()} ${prefix.toLowerCase()}`) ?? []) {
      const object = sandbox.stored(key);
      if (object) value.push(cloneJson(object) as Json);
    }
    return { status: 200, body: { value }, kind: 'read', resourceType: type };
  };
}

/**
 * Ids by "type owner-prefix" for the list route: each object under its subscription's prefix and
 * under its parent resource's, rebuilt only when an object is added or removed. Scanning the whole
 * estate for every list call would make a sweep of 100,000 objects measure the sandbox.
 */
function listIndex(sandbox: ArmSandbox): Map<string, string[]> {
  const version = sandbox.estateVersion;
  const cached = listIndexCache.get(sandbox);
  if (cached && cached.version === version) return cached.index;
  const index = new Map<string, string[]>();
  const add = (entry: string, key: string): void => {
    const keys = index.get(entry);
    if (keys) keys.push(key);
    else index.set(entry, [key]);
  };
  for (const object of sandbox.objects()) {
    if (typeof object.id !== 'string' || typeof object.type !== 'string') continue;
    const key = object.id.toLowerCase();
    const type = object.type.toLowerCase();
    const segments = key.split('/');
    add(`${type} ${segments.slice(0, 3).join('/')}/`, key);
    if (segments.length > 9) add(`${type} ${segments.slice(0, -2).join('/')}/`, key);
  }
  listIndexCache.set(sandbox, { version, index });
  return index;
}

const listIndexCache = new WeakMap<ArmSandbox, { version: number; index: Map<string, string[]> }>();
