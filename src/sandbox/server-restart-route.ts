import { randomUUID } from 'node:crypto';
import { isPendingRestart } from '../kinds/common/flexible-server-parameters';
import { type ArmObject, type Json } from '../controls/types';
import { cloneJson } from '../core/json';
import { ARM_ERROR, armError } from './arm-errors';
import type { ArmSandbox, SandboxRequest, SandboxRoute, SandboxRouteReply } from './arm-sandbox';
import { isObject } from './json';
import { MYSQL_FLEXIBLE_API_VERSIONS } from '../kinds/mysql-flexible/emulator';
import { POSTGRESQL_FLEXIBLE_API_VERSIONS } from '../kinds/postgresql-flexible/emulator';

/** Flexible-server providers whose `POST .../flexibleServers/{name}/restart` the route serves. */
const PROVIDERS: Readonly<Record<string, { type: string; apiVersions: readonly string[] }>> = {
  'microsoft.dbformysql': { type: 'Microsoft.DBforMySQL/flexibleServers', apiVersions: MYSQL_FLEXIBLE_API_VERSIONS },
  'microsoft.dbforpostgresql': { type: 'Microsoft.DBforPostgreSQL/flexibleServers', apiVersions: POSTGRESQL_FLEXIBLE_API_VERSIONS },
};

/** `/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/flexibleServers/{name}/restart`: the fixed segments, lower-cased, by index. */
const RESTART = { length: 9, fixed: [[0, 'subscriptions'], [2, 'resourcegroups'], [4, 'providers'], [6, 'flexibleservers'], [8, 'restart']] } as const;
/** `/subscriptions/{s}/providers/{ns}/locations/{l}/azureAsyncOperation/{id}`. */
const MONITOR = { length: 8, fixed: [[0, 'subscriptions'], [2, 'providers'], [4, 'locations'], [6, 'azureasyncoperation']] } as const;

/** Whether decoded segments have the shape: its length, and its fixed words in place. */
function matches(segments: readonly string[], shape: typeof RESTART | typeof MONITOR): boolean {
  return segments.length === shape.length && shape.fixed.every(([i, word]) => segments[i].toLowerCase() === word);
}

/** One restart the route accepted. */
export interface SandboxRestart {
  /** Server id as the estate spells it. */
  id: string;
  /** The request body the SDK sent (ServerRestartParameter). */
  body: Json;
  /** The request's `x-ms-client-request-id` (as for SandboxWrite). */
  clientRequestId: string | null;
}

interface RestartOperation {
  serverId: string;
  type: string;
  remaining: number;
  startTime: string;
  endTime?: string;
}

/**
 * Server restarts for MySQL and PostgreSQL flexible servers: an action (POST), not a resource write,
 * so it is an extra route rather than kind data. Like the RP it answers 202 with an
 * Azure-AsyncOperation status monitor that reports InProgress `polls` times, then Succeeded; at the
 * end parameters pending a restart take effect (isConfigPendingRestart goes back to false).
 *
 *   const restarts = serverRestartRoute();
 *   sandbox.addRoute(restarts.route);
 *   ...; restarts.restarts  // what was restarted
 */
export function serverRestartRoute(options: { polls?: number } = {}): { route: SandboxRoute; readonly restarts: readonly SandboxRestart[] } {
  const polls = options.polls ?? 1;
  const operations = new Map<string, RestartOperation>();
  const restarts: SandboxRestart[] = [];

  function start(request: SandboxRequest, sandbox: ArmSandbox): SandboxRouteReply | undefined {
    const [, subscriptionId, , resourceGroup, , provider, , name] = request.segments;
    const known = PROVIDERS[provider.toLowerCase()];
    if (!known) return undefined;
    const resourceType = known.type;
    if (request.method !== 'POST') {
      return { ...armError(405, ARM_ERROR.methodNotAllowed, `The sandbox does not serve ${request.method} on ${resourceType}/restart.`), resourceType };
    }
    const apiVersion = request.apiVersion;
    if (apiVersion === null || apiVersion === '') {
      return { ...armError(400, ARM_ERROR.missingApiVersion, 'The api-version query parameter (?api-version=) is required for all requests.'), resourceType };
    }
    if (!known.apiVersions.includes(apiVersion.toLowerCase())) {
      return {
        ...armError(400, ARM_ERROR.unsupportedApiVersion, `No registered resource provider found for API version '${apiVersion}' and type 'flexibleServers'. The supported api-versions are '${known.apiVersions.join(', ')}'.`),
        resourceType,
      };
    }
    const serverId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${provider}/flexibleServers/${name}`;
    // A name holding an encoded slash names no server (it must not reach, say, one of its configurations).
    const server = [subscriptionId, resourceGroup, name].some((s) => s.includes('/')) ? undefined : sandbox.get(serverId);
    if (!server) {
      return {
        ...armError(404, ARM_ERROR.notFound, `The Resource '${provider}/flexibleServers/${name}' under resource group '${resourceGroup}' was not found.`),
        resourceType,
      };
    }
    let body: Json = {};
    if (request.bodyText) {
      try {
        body = JSON.parse(request.bodyText) as Json;
      } catch {
        return { ...armError(400, ARM_ERROR.invalidContent, 'The request content was invalid and could not be deserialized.'), resourceType };
      }
    }
    const id = randomUUID();
    const location = typeof server.location === 'string' ? server.location.replace(/\s+/g, '').toLowerCase() : 'westeurope';
    const monitor = `/subscriptions/${subscriptionId}/providers/${provider}/locations/${location}/azureAsyncOperation/${id}`;
    operations.set(id.toLowerCase(), { serverId: String(server.id), type: resourceType, remaining: polls, startTime: new Date().toISOString() });
    restarts.push({ id: String(server.id), body, clientRequestId: request.headers.get('x-ms-client-request-id') ?? null });
    const url = `${request.url.origin}${monitor}?api-version=${encodeURIComponent(apiVersion)}`;
    return { status: 202, headers: { 'azure-asyncoperation': url }, kind: 'write', resourceType };
  }

  function poll(sandbox: ArmSandbox, operationId: string): SandboxRouteReply | undefined {
    const operation = operations.get(operationId.toLowerCase());
    if (!operation) return undefined;
    const running = operation.remaining > 0;
    if (running) operation.remaining -= 1;
    else if (operation.endTime === undefined) {
      operation.endTime = new Date().toISOString();
      settlePendingParameters(sandbox, operation.serverId);
    }
    const body: { [key: string]: Json } = { name: operationId, status: running ? 'InProgress' : 'Succeeded', startTime: operation.startTime };
    if (operation.endTime !== undefined) body.endTime = operation.endTime;
    return { status: 200, body, kind: 'poll', resourceType: operation.type };
  }

  // Matched on the segments the sandbox decoded once, so a server name that needs encoding is the
  // name ARM GET serves, and an encoded slash never splits a name.
  const route: SandboxRoute = (request, sandbox) => {
    if (matches(request.segments, RESTART)) return start(request, sandbox);
    return request.method === 'GET' && matches(request.segments, MONITOR) ? poll(sandbox, request.segments[7]) : undefined;
  };
  return { route, restarts };
}

/** After a restart, static parameters written since the last one are live: nothing is pending any more. */
function settlePendingParameters(sandbox: ArmSandbox, serverId: string): void {
  const prefix = `${serverId}/configurations/`.toLowerCase();
  const settled: ArmObject[] = [];
  for (const object of sandbox.objects()) {
    if (typeof object.id !== 'string' || !object.id.toLowerCase().startsWith(prefix)) continue;
    const properties = object.properties;
    if (!isObject(properties)) continue;
    if (isPendingRestart(object as ArmObject)) {
      const pending = properties.isConfigPendingRestart;
      const copy = cloneJson(object) as ArmObject;
      (copy.properties as { [key: string]: Json }).isConfigPendingRestart = typeof pending === 'string' ? 'False' : false;
      settled.push(copy);
    }
  }
  for (const object of settled) sandbox.set(object);
}
