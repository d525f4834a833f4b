import type { ArmObject, ControlTarget, JsonObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { WardenError } from '../../errors';
import { callForWire, toSdkModel, type CaptureOptions } from '../../azure/wire';
import { clientCache, type ClientSettings, type KindAdapter } from '../../azure/kinds/kind';
import { updateOf, type KindFacts } from '../facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

const PARAMETER = /^configurations\/([A-Za-z0-9_.]+)$/;

/**
 * The parameter name of a `configurations/{name}` target, or undefined for `self`. Other targets are
 * refused: a flexible server has no other child document transit-warden reads.
 */
export function parameterOf(target: ControlTarget, what: string): string | undefined {
  if (target === 'self') return undefined;
  const match = PARAMETER.exec(target);
  if (!match) throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${what} have no document ${target}`);
  return match[1];
}

/** Server parameters are written as the facts' Configurations_Update allows (`{value, source}`); the rest of a parameter is read-only. */
function parameterModel(body: JsonObject, writable: Readonly<Record<string, string>>, what: string): Record<string, unknown> {
  return toSdkModel(body, writable, what);
}

export function serverOnlyRead(what: string): never {
  throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${what}: transit-warden writes server parameters, never the server itself`);
}

/**
 * What transit-warden calls on the MySQL and PostgreSQL flexible-server SDK clients; both generated
 * clients have these operations with the same shape, so one adapter serves both.
 */
export interface FlexibleServerClient {
  servers: {
    get(resourceGroup: string, server: string, options: CaptureOptions): Promise<unknown>;
  };
  configurations: {
    get(resourceGroup: string, server: string, parameter: string, options: CaptureOptions): Promise<unknown>;
    beginUpdateAndWait(resourceGroup: string, server: string, parameter: string, model: { value?: string; source?: string }, options: CaptureOptions & { updateIntervalInMs: number }): Promise<unknown>;
  };
}

export interface FlexibleServerKind<C extends FlexibleServerClient> {
  /** For messages, e.g. "MySQL flexible servers". */
  what: string;
  resourceType: string;
  /** The kind's spec facts: the parameter type's update gives the writable set. */
  facts: KindFacts;
  createClient(settings: ClientSettings, subscriptionId: string): C;
  /** Restart the server (only kinds with a static transport parameter). */
  restart?(client: C, resourceGroup: string, server: string, settings: ClientSettings): Promise<void>;
}

export function flexibleServerAdapter<C extends FlexibleServerClient>(kind: FlexibleServerKind<C>, settings: ClientSettings): KindAdapter {
  const client = clientCache((subscriptionId) => kind.createClient(settings, subscriptionId));
  const getParameter = (id: ResourceId, parameter: string): Promise<ArmObject> =>
    callForWire((o) => client(id.subscriptionId).configurations.get(id.resourceGroup, id.names[0], parameter, o));
  const { what } = kind;
  const writable = sdkWritable(updateOf(kind.facts, `${kind.resourceType}/configurations`));
  const adapter: KindAdapter = {
    resourceTypes: [kind.resourceType],
    read(id, target) {
      const parameter = parameterOf(target, what);
      const [server] = id.names;
      const sdk = client(id.subscriptionId);
      if (parameter === undefined) return callForWire((o) => sdk.servers.get(id.resourceGroup, server, o));
      return getParameter(id, parameter);
    },
    patch(id, target, body) {
      const parameter = parameterOf(target, what);
      if (parameter === undefined) return serverOnlyRead(what);
      const model = parameterModel(body, writable, `${target} PATCH`) as { value?: string; source?: string };
      // PostgreSQL's SDK ends on the parameter itself; MySQL's follows Location to an operation
      // result, after which the parameter is read again. Either way we verify against the parameter.
      return callForWire((o) =>
        client(id.subscriptionId).configurations.beginUpdateAndWait(id.resourceGroup, id.names[0], parameter, model, {
          ...o,
          updateIntervalInMs: settings.pollIntervalMs,
        }),
        // The end of the operation may not be the resource (see callForWire): then read it.
        () => getParameter(id, parameter),
      );
    },
  };
  const restart = kind.restart;
  if (restart) adapter.restart = (id) => restart(client(id.subscriptionId), id.resourceGroup, id.names[0], settings);
  return adapter;
}
