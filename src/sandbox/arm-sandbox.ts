import { ManagementGroupTree, type ManagementGroupSpec } from './management-groups';
import { createHash, randomUUID } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, type HttpClient, type HttpHeaders, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { type ArmObject, type ControlTarget, type JsonObject } from '../controls/types';
import { cloneJson } from '../core/json';
import { WardenError } from '../errors';
import { ARM_ERROR, armError, type SandboxReply } from './arm-errors';
import { Estate, keyOf, RESOURCE_GROUP_TYPE } from './estate';
import { Faults, type Latency, type ReplyFault } from './faults';
import { applyMergePatchInPlace } from '../core/merge-patch';
import { isObject, leafPaths, parseJsonObject } from './json';
import { KINDS, TypeRegistry, type SandboxKind, type SandboxType } from './kinds';
import type { LongRunning } from './kinds/kind';
import { requiredAction } from './rbac';
import { decodeRequestPath, parseArmPath, type ArmPath, type RequestPath } from './paths';
import { checkPatchBody } from './patch-rules';
import { checkReplaceBody } from './replace-rules';
import { Quotas, type QuotaOptions } from './quota';

export const SANDBOX_ENDPOINT = 'https://management.sandbox.local';
/** The only bearer token the sandbox accepts; its credential hands it out. */
export const SANDBOX_TOKEN = 'transit-warden-sandbox-token';
/** The principal SANDBOX_TOKEN stands for; `${SANDBOX_TOKEN}.{principal}` (credentialFor) names another. */
export const SANDBOX_PRINCIPAL = 'sandbox';

export type CallKind = 'read' | 'write' | 'poll';

export interface SandboxCall {
  method: string;
  /** URL path as sent (no query string). */
  path: string;
  apiVersion: string | null;
  status: number;
  kind: CallKind;
  /** ARM type the request addressed (`Microsoft.Web/sites/config`), or null when the route names none. */
  resourceType: string | null;
}

export interface CallCounts {
  reads: number;
  writes: number;
  polls: number;
  total: number;
  byStatus: Record<number, number>;
}

/** One PATCH the sandbox applied. */
export interface SandboxWrite {
  /** Id of the resource written (for child documents: of the owning resource), as the estate spells it. */
  id: string;
  /** `self`, or the child document path such as `config/web`. */
  target: ControlTarget;
  body: JsonObject;
  /** Dotted leaf paths the body set, e.g. `properties.httpsOnly`. */
  paths: string[];
}

/** What an extra route (Resource Graph, list endpoints...) sees of a request. */
export interface SandboxRequest {
  method: string;
  url: URL;
  /**
   * The path's segments, decoded once by the sandbox (empty ones dropped; an encoded slash stays
   * inside its segment). Match on these rather than decoding `url.pathname` again.
   */
  segments: readonly string[];
  /** Lower-cased key of the whole path, as pathKey in ./paths builds it (`/providers/microsoft.resourcegraph/resources`). */
  key: string;
  apiVersion: string | null;
  headers: HttpHeaders;
  bodyText: string | undefined;
}

/** An extra route's answer; `kind` and `resourceType` feed the call log (defaults: read for GET, write otherwise). */
export interface SandboxRouteReply extends SandboxReply {
  kind?: CallKind;
  resourceType?: string;
}

/** Returns undefined for requests it does not serve, so the next route (and finally ARM resources) can. */
export type SandboxRoute = (request: SandboxRequest, sandbox: ArmSandbox) => SandboxRouteReply | undefined | Promise<SandboxRouteReply | undefined>;

export interface ArmSandboxOptions {
  estate?: ArmObject[];
  /** Delay before every response (ms, or a function for jitter). */
  latencyMs?: Latency;
  /** How many polls of a long-running operation report InProgress before Succeeded (default 1). */
  lroPolls?: number;
  /** Keep the per-request call log (default true). Counts are kept either way; benchmarks may turn the log off. */
  recordCalls?: boolean;
  /** Resource kinds to serve (default: all of src/sandbox/kinds). */
  kinds?: readonly SandboxKind[];
  /**
   * The caller's role: the actions it is granted (compared case-insensitively). When set, a request
   * whose action (src/sandbox/rbac.ts) is not granted gets ARM's 403 AuthorizationFailed and is
   * listed in `denied`. Unset: everything is allowed.
   */
  role?: readonly string[];
  /** Management groups and the subscriptions in them, for Graph queries scoped to groups. */
  managementGroups?: Readonly<Record<string, ManagementGroupSpec>>;
  /**
   * Enforce Azure's request quotas (src/sandbox/quota.ts): Resource Graph's per-identity window and
   * ARM's read/write token buckets per identity × subscription, with their headers and 429s. Off
   * when unset. `{}` gives Azure's limits; `timeScale` runs them faster for tests.
   */
  quotas?: QuotaOptions;
}

/** One long-running PATCH; its status monitor and its Location monitor (if any) share this state. */
interface OperationState {
  id: string;
  resourceKey: string;
  resourceType: string;
  remaining: number;
  statusUrl: string;
  startTime: string;
  endTime?: string;
}

/** A monitor URL of an operation: the Azure-AsyncOperation status, or the Location result. */
interface Operation extends OperationState {
  monitor: 'status' | 'result';
  /** For a result monitor: what it answers once done. */
  answers: 'resource' | 'operation';
  state: OperationState;
}

interface Context {
  method: string;
  url: URL;
  /** The path decoded once, here at the entry; undefined when it holds a malformed percent-escape. */
  path: RequestPath | undefined;
  apiVersion: string | null;
  request: PipelineRequest;
  operation?: Operation;
  armPath?: ArmPath;
  rule?: SandboxType;
}

function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `West Europe` → `westeurope`, as ARM spells locations in operation URLs. */
function locationSegment(location: unknown): string {
  return typeof location === 'string' && location !== '' ? location.replace(/\s+/g, '').toLowerCase() : 'global';
}

/**
 * An in-process ARM emulator for the official SDK clients: pass `{ httpClient, endpoint }` and the
 * sandbox's `credential` to any management client. Every request is one Map lookup on the
 * lower-cased path; state is a Map of ARM objects exactly as GET returns them.
 *
 * Strict where ARM is strict (bearer token, api-version, ARM error bodies, PATCH shape, read-only
 * properties, enums) and stricter where ARM is silently lenient (unknown properties in a PATCH), so a
 * wrong request fails here before it fails in Azure. PUT is refused: transit-warden never sends one.
 */
export class ArmSandbox {
  readonly endpoint = SANDBOX_ENDPOINT;
  readonly httpClient: HttpClient;
  readonly credential: TokenCredential;
  readonly faults: Faults;
  /** The quotas being enforced (with their counters), or undefined when the sandbox enforces none. */
  readonly quotas: Quotas | undefined;

  private readonly registry: TypeRegistry;
  private readonly estate: Estate;
  /** The management-group tree; tests add groups and move subscriptions through it. */
  readonly managementGroups: ManagementGroupTree;
  private readonly operations = new Map<string, Operation>();
  private readonly routes: SandboxRoute[] = [];
  private readonly role: ReadonlySet<string> | undefined;
  private readonly deniedLog: { action: string; method: string; path: string }[] = [];
  private readonly lroPolls: number;
  private readonly recordCalls: boolean;
  private callLog: SandboxCall[] = [];
  private writeLog: SandboxWrite[] = [];
  private writeRequestIds: (string | null)[] = [];
  private tally: CallCounts = { reads: 0, writes: 0, polls: 0, total: 0, byStatus: {} };

  constructor(options: ArmSandboxOptions = {}) {
    const lroPolls = options.lroPolls ?? 1;
    if (!Number.isInteger(lroPolls) || lroPolls < 0) throw new WardenError('INVALID_INPUT', `lroPolls must be a whole number of 0 or more, got ${lroPolls}`);
    this.lroPolls = lroPolls;
    this.recordCalls = options.recordCalls ?? true;
    this.role = options.role ? new Set(options.role.map((action) => action.toLowerCase())) : undefined;
    this.faults = new Faults(options.latencyMs ?? 0);
    this.quotas = options.quotas ? new Quotas(options.quotas) : undefined;
    this.registry = new TypeRegistry(options.kinds ?? KINDS);
    this.estate = new Estate(this.registry);
    this.managementGroups = new ManagementGroupTree(options.managementGroups);
    if (options.estate) this.estate.load(options.estate);
    this.httpClient = { sendRequest: (request) => this.handle(request) };
    this.credential = {
      getToken: async (): Promise<AccessToken> => ({ token: SANDBOX_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000, tokenType: 'Bearer' }),
    };
  }

  /** A credential for another principal (its own quotas; the same role): tokens `${SANDBOX_TOKEN}.{principal}`. */
  credentialFor(principal: string): TokenCredential {
    if (!/^[\w.-]+$/.test(principal)) throw new WardenError('INVALID_INPUT', `a sandbox principal is letters, digits, '.', '_' or '-', got ${JSON.stringify(principal)}`);
    const token = `${SANDBOX_TOKEN}.${principal}`;
    return { getToken: async (): Promise<AccessToken> => ({ token, expiresOnTimestamp: Date.now() + 3_600_000, tokenType: 'Bearer' }) };
  }

  /** Replaces the estate (ARM objects as GET returns them). Throws INVALID_INPUT naming the bad index and id. */
  load(estate: ArmObject[]): void {
    this.estate.load(estate);
    this.operations.clear();
  }

  /** The stored object itself (no copy), by lower-cased id: for routes that only read it. */
  stored(key: string): Readonly<ArmObject> | undefined {
    return this.estate.stored(key);
  }

  /** Changes whenever an object is added to or removed from the estate. */
  get estateVersion(): number {
    return this.estate.version;
  }

  /** Deep copy of the current object, or undefined. Ids are case-insensitive. */
  get(id: string): ArmObject | undefined {
    const stored = this.estate.stored(keyOf(id));
    return stored ? cloneJson(stored) : undefined;
  }

  /** The whole estate in load order (the `--out` file), including config/web documents created on load. */
  snapshot(): ArmObject[] {
    return [...this.estate.values()].map((object) => cloneJson(object));
  }

  /** Adds or replaces one object (validated like load). */
  set(object: ArmObject): void {
    this.estate.set(object);
  }

  /** Removes the object and its child documents; false when it was not there. */
  delete(id: string): boolean {
    return this.estate.delete(id);
  }

  /** Stored objects without copying, for extra routes (Resource Graph, lists). Do not mutate them. */
  objects(): IterableIterator<Readonly<ArmObject>> {
    return this.estate.values();
  }

  /**
   * Serves extra routes (tried in order, before ARM resources, after authentication and faults).
   * `first` puts a route ahead of those already added, e.g. to stand for a cloud without a service.
   */
  addRoute(route: SandboxRoute, position: 'first' | 'last' = 'last'): void {
    if (position === 'first') this.routes.unshift(route);
    else this.routes.push(route);
  }

  get calls(): readonly SandboxCall[] {
    return this.callLog;
  }

  get writes(): readonly SandboxWrite[] {
    return this.writeLog;
  }

  /**
   * The `x-ms-client-request-id` of each write (same index as `writes`; null when none was sent),
   * as ARM's activity log keeps it: lets a test tell which caller's write each one was.
   */
  get writeClientRequestIds(): readonly (string | null)[] {
    return this.writeRequestIds;
  }

  counts(): CallCounts {
    return { ...this.tally, byStatus: { ...this.tally.byStatus } };
  }

  /** Clears the call log, the counts and the write log. */
  resetCalls(): void {
    this.callLog = [];
    this.writeLog = [];
    this.writeRequestIds = [];
    this.tally = { reads: 0, writes: 0, polls: 0, total: 0, byStatus: {} };
  }

  clearFaults(): void {
    this.faults.clear();
  }

  private async handle(request: PipelineRequest): Promise<PipelineResponse> {
    if (request.abortSignal?.aborted) throw abortError();
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    // The one place a request's path is decoded: every layer below reads context.path.
    const path = decodeRequestPath(url.pathname);
    const context: Context = { method, url, path, apiVersion: url.searchParams.get('api-version'), request };
    if (path) {
      if (method === 'GET' && this.operations.size > 0) context.operation = this.operations.get(path.key);
      if (!context.operation) {
        context.armPath = parseArmPath(path);
        // The last segment names the document where a type's documents differ by name (config/authsettingsV2).
        if (context.armPath) context.rule = this.registry.get(context.armPath.type, path.segments[path.segments.length - 1]);
      }
    }
    const delay = this.faults.delayMs();
    if (delay > 0) await sleep(delay);
    if (request.abortSignal?.aborted) throw abortError();

    // Quotas are ARM's front door: metered after the token is known good, before anything else answers.
    const principal = this.quotas && path ? principalOf(request.headers.get('authorization')) : undefined;
    const admission = principal === undefined ? undefined : this.quotas?.admit({ method, segments: path?.segments ?? [], principal });
    const reply = admission?.refused ?? (await this.reply(context));
    const kind: CallKind = reply.kind ?? (context.operation ? 'poll' : method === 'GET' ? 'read' : 'write');
    const resourceType = reply.resourceType ?? context.operation?.resourceType ?? context.rule?.type ?? context.armPath?.type ?? null;
    this.count({ method, path: url.pathname, apiVersion: context.apiVersion, status: reply.status, kind, resourceType });

    const headers = createHttpHeaders({
      'content-type': 'application/json; charset=utf-8',
      'x-ms-request-id': randomUUID(),
      ...reply.headers,
      ...admission?.headers,
    });
    const correlation = request.headers.get('x-ms-correlation-request-id');
    if (correlation) headers.set('x-ms-correlation-request-id', correlation);
    return { request, status: reply.status, headers, bodyAsText: reply.body === undefined ? null : JSON.stringify(reply.body) };
  }

  private count(call: SandboxCall): void {
    const tally = this.tally;
    tally.total += 1;
    if (call.kind === 'read') tally.reads += 1;
    else if (call.kind === 'write') tally.writes += 1;
    else tally.polls += 1;
    tally.byStatus[call.status] = (tally.byStatus[call.status] ?? 0) + 1;
    if (this.recordCalls) this.callLog.push(call);
  }

  private async reply(context: Context): Promise<SandboxRouteReply> {
    const { method, url, path, apiVersion, request, armPath, rule } = context;
    if (!path) {
      // ARM refuses a URI it cannot decode before anything else looks at the request.
      return armError(400, ARM_ERROR.malformedUri, `The request URI '${url.pathname}' is not valid: it holds a malformed percent-escape.`);
    }
    const unauthenticated = this.authenticate(request.headers.get('authorization'));
    if (unauthenticated) return unauthenticated;
    const unauthorized = this.authorize(method, url.pathname, path.segments);
    if (unauthorized) return unauthorized;
    const fault = this.faults.takeReply({ method, path: url.pathname });
    if (fault) return this.faultReply(fault, context);

    if (this.routes.length > 0) {
      const sandboxRequest: SandboxRequest = {
        method,
        url,
        segments: path.segments,
        key: path.key,
        apiVersion,
        headers: request.headers,
        bodyText: typeof request.body === 'string' ? request.body : undefined,
      };
      for (const route of this.routes) {
        const routed = await route(sandboxRequest, this);
        if (routed) return routed;
      }
    }
    if (context.operation) return this.poll(context.operation);
    if (!armPath) {
      return armError(400, ARM_ERROR.unknownRoute, `The request URI '${url.pathname}' does not name a resource or resource group the sandbox serves.`);
    }
    if (!rule) {
      const typeName = armPath.type.slice(armPath.provider.length + 1);
      return armError(
        400,
        ARM_ERROR.unknownType,
        `The resource type '${typeName}' could not be found in the namespace '${armPath.provider}' for api version '${apiVersion ?? ''}'.`,
      );
    }
    if (apiVersion === null || apiVersion === '') {
      return armError(400, ARM_ERROR.missingApiVersion, 'The api-version query parameter (?api-version=) is required for all requests.');
    }
    const wanted = apiVersion.toLowerCase();
    if (!rule.apiVersions.some((v) => v === wanted)) return this.unsupportedApiVersion(rule, armPath, apiVersion);

    switch (method) {
      case 'GET':
        return withEtag(this.read(armPath), rule);
      case 'PATCH':
        return this.patch(context, armPath, rule, apiVersion);
      case 'PUT':
        if (rule.replace) return this.replace(context, armPath, rule);
        return armError(
          405,
          ARM_ERROR.methodNotAllowed,
          `PUT ${rule.type} refused: transit-warden never sends full PUTs (createOrUpdate…), which can revert concurrent changes. Use PATCH (update…).`,
        );
      default:
        return armError(405, ARM_ERROR.methodNotAllowed, `The sandbox does not serve ${method} on ${rule.type}.`);
    }
  }

  /** Requests the role refused, with the action each needed (empty without a role). */
  get denied(): readonly { action: string; method: string; path: string }[] {
    return this.deniedLog;
  }

  private authorize(method: string, path: string, segments: readonly string[]): SandboxReply | undefined {
    if (!this.role) return undefined;
    const action = requiredAction(method, segments) ?? `(no ARM action for ${method} ${path})`;
    if (this.role.has(action.toLowerCase())) return undefined;
    this.deniedLog.push({ action, method, path });
    return armError(
      403,
      ARM_ERROR.authorizationFailed,
      `The client 'sandbox' with object id 'sandbox' does not have authorization to perform action '${action}' over scope '${path}' or the scope is invalid.`,
    );
  }

  private authenticate(authorization: string | undefined): SandboxReply | undefined {
    if (!authorization) {
      return armError(401, ARM_ERROR.missingToken, "Authentication failed. The 'Authorization' header is missing.");
    }
    if (principalOf(authorization) === undefined) {
      return armError(401, ARM_ERROR.invalidToken, 'The access token is invalid.');
    }
    return undefined;
  }

  private faultReply(fault: ReplyFault, context: Context): SandboxReply {
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    if (fault.kind === 'throttle') {
      const operation = context.method === 'GET' ? 'read' : 'write';
      return armError(
        429,
        ARM_ERROR.throttled,
        `Number of '${operation}' requests for subscription actor exceeded. Please try again after '${fault.retryAfterSeconds ?? 0}' seconds after additional tokens are available.`,
        headers,
      );
    }
    const code = fault.status === 500 ? ARM_ERROR.internalError : ARM_ERROR.unavailable;
    return armError(fault.status, code, `Encountered internal server error (sandbox fault injection, status ${fault.status}).`, headers);
  }

  private unsupportedApiVersion(rule: SandboxType, armPath: ArmPath, apiVersion: string): SandboxReply {
    const supported = rule.apiVersions.join(', ');
    if (rule.unsupportedApiVersionCode === 'InvalidApiVersionParameter') {
      return armError(400, ARM_ERROR.invalidApiVersion, `The api-version '${apiVersion}' is invalid. The supported versions are '${supported}'.`);
    }
    const typeName = armPath.type.slice(armPath.provider.length + 1);
    return armError(
      400,
      ARM_ERROR.unsupportedApiVersion,
      `No registered resource provider found for location 'westeurope' and API version '${apiVersion}' for type '${typeName}'. ` +
        `The supported api-versions are '${supported}'.`,
    );
  }

  private notFound(armPath: ArmPath): SandboxReply {
    if (armPath.shape === 'resource-group') {
      return armError(404, ARM_ERROR.resourceGroupNotFound, `Resource group '${armPath.resourceGroup}' could not be found.`);
    }
    return armError(
      404,
      ARM_ERROR.notFound,
      `The Resource '${armPath.provider}/${armPath.typeAndNames}' under resource group '${armPath.resourceGroup}' was not found. ` +
        'For more details please go to https://aka.ms/ARMResourceNotFoundFix',
    );
  }

  private read(armPath: ArmPath): SandboxReply {
    const stored = this.estate.stored(armPath.key);
    if (stored) return { status: 200, body: stored };
    if (armPath.shape === 'resource-group') {
      // A group that holds resources exists in ARM even when the estate does not list it.
      const implicit = this.estate.implicitGroup(armPath.key);
      if (implicit) {
        return {
          status: 200,
          body: {
            id: `/subscriptions/${armPath.subscriptionId}/resourceGroups/${armPath.resourceGroup}`,
            name: armPath.resourceGroup,
            type: RESOURCE_GROUP_TYPE,
            location: implicit.location,
            tags: {},
            properties: { provisioningState: 'Succeeded' },
          },
        };
      }
    }
    return this.notFound(armPath);
  }

  /** Faults that stand for other actors acting between our read and this write. */
  private applyWriteFaults(armPath: ArmPath): void {
    for (const fault of this.faults.takeWrites(armPath.key)) {
      if (fault.kind === 'delete-before-write') this.estate.delete(fault.key);
      else {
        const target = this.estate.stored(fault.key);
        if (target && fault.mutate) fault.mutate(target);
      }
    }
  }

  private patch(context: Context, armPath: ArmPath, rule: SandboxType, apiVersion: string): SandboxReply {
    const body = writeBody(context);
    if (!body) return invalidBody('PATCH');
    this.applyWriteFaults(armPath);
    const stored = this.estate.stored(armPath.key);
    if (!stored) return this.notFound(armPath);
    if (rule.ifMatchRequired) {
      const ifMatch = context.request.headers.get('if-match');
      if (ifMatch === undefined || ifMatch === '') {
        return armError(400, ARM_ERROR.invalidContent, `PATCH ${rule.type} refused: the If-Match header is required (the ETag of a GET, or * for an unconditional update).`);
      }
      if (ifMatch !== '*' && ifMatch !== etagOf(stored)) {
        return armError(412, ARM_ERROR.preconditionFailed, `The resource ${String(stored.id)} has changed since it was read: If-Match ${ifMatch} does not match its ETag.`);
      }
    }
    const invalid = checkPatchBody(body, rule);
    if (invalid) return invalid;
    // A required `location` (Container Apps' update model) names the resource's own region: ARM
    // cannot move a resource, so another value is refused, and repeating it changes nothing, so the
    // write log (what a write changed) leaves it out.
    const changed = cloneJson(body);
    if (changed.location !== undefined) {
      if (regionOf(changed.location) !== regionOf(stored.location)) {
        return armError(400, ARM_ERROR.invalidValue, `The location ${JSON.stringify(changed.location)} of the PATCH is not the location of ${String(stored.id)}: a resource cannot be moved.`);
      }
      delete changed.location;
    }

    applyMergePatchInPlace(stored, body);
    rule.afterPatch?.(stored, body);
    rule.normalize?.(stored);
    this.writeLog.push({ ...this.ownerOf(String(stored.id), rule), body: changed, paths: leafPaths(changed) });
    this.writeRequestIds.push(context.request.headers.get('x-ms-client-request-id') ?? null);
    if (rule.longRunning) return this.startOperation(stored, armPath, rule, rule.longRunning, apiVersion);
    return withEtag({ status: 200, body: stored }, rule);
  }

  /**
   * A PUT of an existing resource, served only for types whose spec update model lacks a property a
   * control must write (Service Bus minimumTlsVersion): the body must be the document as read with only
   * writable properties of the PUT model changed, and If-Match, when sent, must name the current ETag.
   */
  private replace(context: Context, armPath: ArmPath, rule: SandboxType): SandboxReply {
    const body = writeBody(context);
    if (!body) return invalidBody('PUT');
    this.applyWriteFaults(armPath);
    const stored = this.estate.stored(armPath.key);
    if (!stored) {
      return armError(405, ARM_ERROR.methodNotAllowed, `PUT ${rule.type} refused: the sandbox serves PUT only to replace an existing resource, never to create one.`);
    }
    const ifMatch = context.request.headers.get('if-match');
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== stored.etag) {
      return armError(412, ARM_ERROR.preconditionFailed, `The resource ${String(stored.id)} has changed since it was read: If-Match ${ifMatch} does not match its ETag.`);
    }
    const checked = checkReplaceBody(body, stored, rule);
    if ('status' in checked) return checked;
    this.estate.set(checked.document as ArmObject);
    const written = this.estate.stored(armPath.key) ?? (checked.document as ArmObject);
    rule.normalize?.(written);
    this.writeLog.push({ ...this.ownerOf(String(written.id), rule), body: checked.changed, paths: leafPaths(checked.changed) });
    if (rule.replace?.longRunning) return this.startOperation(written, armPath, rule, rule.replace.longRunning, context.apiVersion ?? '');
    return { status: 200, body: written };
  }

  private ownerOf(id: string, rule: SandboxType): { id: string; target: ControlTarget } {
    if (!rule.document) return { id, target: 'self' };
    const parts = id.split('/');
    return { id: parts.slice(0, -2).join('/'), target: parts.slice(-2).join('/') };
  }

  private startOperation(stored: ArmObject, armPath: ArmPath, rule: SandboxType, lro: LongRunning, apiVersion: string): SandboxReply {
    const id = randomUUID();
    const scope = lro.scope === 'resourceGroup' ? `/subscriptions/${armPath.subscriptionId}/resourceGroups/${armPath.resourceGroup}` : `/subscriptions/${armPath.subscriptionId}`;
    const location = lro.displayLocation ? encodeURIComponent(String(stored.location ?? 'global')) : locationSegment(stored.location);
    const base = lro.under === 'provider' ? `${scope}/providers/${armPath.provider}` : `${scope}/providers/${armPath.provider}/locations/${location}`;
    const beside = (segment: string): string => `${base}/${segment}/${id}`;
    const urlOf = (path: string): string => `${this.endpoint}${path}?api-version=${encodeURIComponent(apiVersion)}`;
    const statusUrl = urlOf(lro.statusAt === 'resource' ? `${String(stored.id)}/${lro.status}/${id}` : beside(lro.status));
    const state: OperationState = {
      id, resourceKey: armPath.key, resourceType: rule.type, remaining: this.lroPolls, statusUrl, startTime: new Date().toISOString(),
    };
    this.operations.set(monitorKey(statusUrl), { ...state, monitor: 'status', answers: 'operation', state });
    const headers: Record<string, string> = { 'azure-asyncoperation': state.statusUrl };
    if (lro.location === 'resource-itself') {
      headers.location = urlOf(String(stored.id));
    } else if (lro.location) {
      const resultUrl = urlOf(lro.location.at === 'locations' ? beside(lro.location.segment) : `${String(stored.id)}/${lro.location.segment}/${id}`);
      this.operations.set(monitorKey(resultUrl), { ...state, monitor: 'result', answers: lro.location.answers, state });
      headers.location = resultUrl;
    }
    setProvisioningState(stored, 'Updating');
    // Like the resource providers: 202 with no body; the state is in the monitors.
    return { status: 202, headers };
  }

  private poll(operation: Operation): SandboxReply {
    const state = operation.state;
    const running = state.remaining > 0;
    if (running) state.remaining -= 1;
    else if (state.endTime === undefined) {
      state.endTime = new Date().toISOString();
      const stored = this.estate.stored(state.resourceKey);
      if (stored) setProvisioningState(stored, 'Succeeded');
    }
    const status: JsonObject = { id: new URL(state.statusUrl).pathname, name: state.id, status: running ? 'InProgress' : 'Succeeded', startTime: state.startTime };
    if (state.endTime !== undefined) status.endTime = state.endTime;
    if (operation.monitor === 'status') return { status: 200, body: status };
    // A Location monitor: 202 while running, then the resource or the operation's result.
    if (running) return { status: 202, headers: { location: `${this.endpoint}${new URL(operation.statusUrl).pathname}` } };
    if (operation.answers === 'operation') return { status: 200, body: { ...status, percentComplete: 100 } };
    const stored = this.estate.stored(state.resourceKey);
    return stored ? { status: 200, body: stored } : { status: 204 };
  }
}

/** The ETag of a stored document, for types whose provider answers it in a header: a digest of the document. */
function etagOf(stored: ArmObject): string {
  return `"${createHash('sha256').update(JSON.stringify(stored)).digest('hex').slice(0, 16)}"`;
}

/** A 200 reply of a type with header ETags carries its document's ETag. */
function withEtag(reply: SandboxReply, rule: SandboxType): SandboxReply {
  if (!rule.etagHeader || reply.status !== 200 || !isObject(reply.body)) return reply;
  return { ...reply, headers: { ...reply.headers, etag: etagOf(reply.body as ArmObject) } };
}

/** The principal a bearer token the sandbox issued stands for, or undefined for any other header. */
function principalOf(authorization: string | undefined): string | undefined {
  const match = authorization === undefined ? null : /^bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) return undefined;
  if (match[1] === SANDBOX_TOKEN) return SANDBOX_PRINCIPAL;
  return match[1].startsWith(`${SANDBOX_TOKEN}.`) && match[1].length > SANDBOX_TOKEN.length + 1 ? match[1].slice(SANDBOX_TOKEN.length + 1) : undefined;
}

/** The key a poll of this monitor URL finds its operation by: the URL's path decoded as handle() decodes it. */
function monitorKey(url: string): string {
  const pathname = new URL(url).pathname;
  return decodeRequestPath(pathname)?.key ?? pathname.toLowerCase();
}

/** Only for resources that report a provisioningState: ARM shows `Updating` while a long-running PATCH runs. */
function setProvisioningState(object: ArmObject, state: string): void {
  const properties = object.properties;
  if (isObject(properties) && typeof properties.provisioningState === 'string') properties.provisioningState = state;
}

/** The JSON object a write request carries, or undefined when it carries none. */
function writeBody(context: Context): JsonObject | undefined {
  const text = context.request.body;
  return typeof text === 'string' ? parseJsonObject(text) : undefined;
}

function invalidBody(method: 'PATCH' | 'PUT'): SandboxReply {
  return armError(400, ARM_ERROR.invalidContent, `The request content was invalid and could not be deserialized: a ${method} body must be a JSON object.`);
}

/** ARM compares regions by name regardless of case and spaces (`East US` is `eastus`). */
function regionOf(location: unknown): string {
  return String(location ?? '').toLowerCase().replace(/\s+/g, '');
}
