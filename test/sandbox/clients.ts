import { WebSiteManagementClient } from '@azure/arm-appservice';
import { RedisManagementClient } from '@azure/arm-rediscache';
import { ResourceManagementClient } from '@azure/arm-resources';
import { StorageManagementClient } from '@azure/arm-storage';
import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createPipelineFromOptions,
  createPipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { SUBSCRIPTION_ID } from '../fixtures/arm';

/** Retries stay on (the sandbox's 429/5xx tests rely on them) but wait milliseconds, not seconds. */
const FAST_RETRIES = { retryOptions: { maxRetries: 3, retryDelayInMs: 1, maxRetryDelayInMs: 5 } };

/** The official SDK clients, pointed at the sandbox exactly as the gateway does it. */
export function sdkClients(sandbox: ArmSandbox, credential: TokenCredential = sandbox.credential) {
  const options = { httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, ...FAST_RETRIES };
  return {
    web: new WebSiteManagementClient(credential, SUBSCRIPTION_ID, options),
    storage: new StorageManagementClient(credential, SUBSCRIPTION_ID, options),
    redis: new RedisManagementClient(credential, SUBSCRIPTION_ID, options),
    resources: new ResourceManagementClient(credential, SUBSCRIPTION_ID, options),
  };
}

/** Captures the wire body of the last response, as the gateway reads it. */
export function wire(): { options: { onResponse: (r: { bodyAsText?: string | null }) => void }; json: () => unknown } {
  let text: string | null | undefined;
  return {
    options: { onResponse: (r) => (text = r.bodyAsText) },
    json: () => (text ? JSON.parse(text) : undefined),
  };
}

/** A credential that hands out a token the sandbox never issued. */
export const foreignCredential: TokenCredential = {
  getToken: async () => ({ token: 'someone-elses-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/**
 * Sends a hand-made request through a core-rest-pipeline pipeline like the SDKs' (bearer token policy,
 * retries), for bodies and methods the SDK would never build.
 */
export async function raw(
  sandbox: ArmSandbox,
  method: 'GET' | 'PATCH' | 'PUT' | 'DELETE' | 'POST',
  path: string,
  options: { body?: unknown; apiVersion?: string | null; credential?: TokenCredential } = {},
): Promise<{ status: number; headers: PipelineResponse['headers']; json: { error?: { code: string; message: string } } & Record<string, unknown> }> {
  const pipeline = createPipelineFromOptions(FAST_RETRIES);
  pipeline.addPolicy(
    bearerTokenAuthenticationPolicy({ credential: options.credential ?? sandbox.credential, scopes: `${sandbox.endpoint}/.default` }),
  );
  const apiVersion = options.apiVersion === undefined ? '2025-05-01' : options.apiVersion;
  const query = apiVersion === null ? '' : `?api-version=${apiVersion}`;
  const request = createPipelineRequest({ url: `${sandbox.endpoint}${path}${query}`, method });
  if (options.body !== undefined) {
    request.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    request.headers.set('content-type', 'application/json');
  }
  const response = await pipeline.sendRequest(sandbox.httpClient, request);
  return { status: response.status, headers: response.headers, json: response.bodyAsText ? JSON.parse(response.bodyAsText) : {} };
}
