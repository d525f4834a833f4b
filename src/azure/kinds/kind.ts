import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient, PipelinePolicy } from '@azure/core-rest-pipeline';
import { armPacingPolicies, type ArmPacer } from '../arm-pacing';
import type { ArmObject, ControlTarget, JsonObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';

/** How SDK clients are built: real Azure, or the sandbox through `httpClient`. */
export interface ClientSettings {
  credential: TokenCredential;
  /** ARM endpoint; defaults to the SDK's (public cloud). */
  endpoint?: string;
  /** Injected transport (the sandbox); absent in Azure. */
  httpClient?: HttpClient;
  /** Poll interval for long-running operations. */
  pollIntervalMs: number;
  /** The SDK pipeline's retry timing; the sandbox and tests shorten it, Azure keeps the defaults. */
  retryOptions?: { maxRetries?: number; retryDelayInMs?: number; maxRetryDelayInMs?: number };
  /** Paces requests on ARM's throttling headers (src/azure/arm-pacing.ts); default the process's shared pacer. */
  pacer?: ArmPacer;
}

/**
 * One resource kind over its official SDK. Adapters read the resource and the child documents the
 * controls need, and apply wire-shaped PATCH bodies through the SDK's update (PATCH) operations —
 * never createOrUpdate (PUT), which can revert concurrent changes.
 */
export interface KindAdapter {
  /** ARM types this adapter serves (compared case-insensitively). */
  resourceTypes: readonly string[];
  read(id: ResourceId, target: ControlTarget): Promise<ArmObject>;
  patch(id: ResourceId, target: ControlTarget, body: JsonObject): Promise<ArmObject>;
  /** Restart the server so a static parameter takes effect; only kinds with such controls have it. */
  restart?(id: ResourceId): Promise<void>;
  /** `PUT` for a target whose writes replace the whole document (the kind's facts give no PATCH for it). */
  writeMethod?(target: ControlTarget): 'PATCH' | 'PUT';
}

/** Adapters are built per gateway, so each gateway (and each sandbox in tests) has its own clients. */
export type KindAdapterFactory = (settings: ClientSettings) => KindAdapter;

/** SDK clients are per subscription; build each once per adapter and reuse its pipeline. */
export function clientCache<T>(create: (subscriptionId: string) => T): (subscriptionId: string) => T {
  const clients = new Map<string, T>();
  return (subscriptionId) => {
    const key = subscriptionId.toLowerCase();
    let client = clients.get(key);
    if (!client) {
      client = create(subscriptionId);
      clients.set(key, client);
    }
    return client;
  };
}

export interface SdkClientOptions {
  endpoint?: string;
  httpClient?: HttpClient;
  retryOptions?: ClientSettings['retryOptions'];
  additionalPolicies?: { policy: PipelinePolicy; position: 'perCall' | 'perRetry' }[];
}

export function sdkOptions(settings: ClientSettings): SdkClientOptions {
  const options: SdkClientOptions = {};
  if (settings.endpoint) options.endpoint = settings.endpoint;
  if (settings.httpClient) options.httpClient = settings.httpClient;
  if (settings.retryOptions) options.retryOptions = settings.retryOptions;
  // Every ARM client shares one pacer, so all of them together keep within the subscription's buckets.
  options.additionalPolicies = armPacingPolicies(settings.pacer);
  return options;
}
