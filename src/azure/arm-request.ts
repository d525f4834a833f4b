import { WardenError } from '../errors';
import type { PipelineRequest, PipelineResponse, RestError } from '@azure/core-rest-pipeline';
import { type ArmObject, type JsonObject } from '../controls/types';
import { parseJsonObject } from '../core/json';
import { coreRestPipeline } from './sdk';

/** ARM in the public cloud; the sandbox and sovereign clouds pass their own endpoint. */
const PUBLIC_ARM = 'https://management.azure.com';

/**
 * An SDK client (a core-client ServiceClient): its pipeline carries the credential's bearer token,
 * retries and throttling handling, so a request built by hand is treated exactly like an SDK call.
 */
export interface PipelineClient {
  sendRequest(request: PipelineRequest): Promise<PipelineResponse>;
}

/** `{endpoint}{path}?api-version=…`, each path segment encoded (names may hold spaces). */
export function armUrl(endpoint: string | undefined, path: string, apiVersion: string): string {
  const base = (endpoint ?? PUBLIC_ARM).replace(/\/+$/, '');
  const encoded = path.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  return `${base}${encoded}?api-version=${encodeURIComponent(apiVersion)}`;
}

/**
 * Sends one ARM request through an SDK client's pipeline, for operations whose SDK model lacks a
 * property or whose long-running handling needs permissions a least-privileged role cannot have.
 * An error answer throws the RestError an SDK operation would, so callers map it the same way.
 */
export async function sendArmRequest(
  client: PipelineClient,
  url: string,
  method: 'GET' | 'PATCH' | 'PUT',
  body?: JsonObject,
  headers: Readonly<Record<string, string>> = {},
): Promise<PipelineResponse> {
  const pipeline = coreRestPipeline();
  const request = pipeline.createPipelineRequest({
    url,
    method,
    headers: pipeline.createHttpHeaders({ accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...headers }),
    body: body ? JSON.stringify(body) : undefined,
  });
  const response = await client.sendRequest(request);
  if (response.status >= 400) throw restError(response);
  return response;
}

/** GETs a resource at `apiVersion` through a client's pipeline; a body that is not a resource is an error. */
export async function getResource(client: PipelineClient, endpoint: string | undefined, resourceId: string, apiVersion: string): Promise<ArmObject> {
  const response = await sendArmRequest(client, armUrl(endpoint, resourceId, apiVersion), 'GET');
  const resource = resourceBody(response);
  if (resource) return resource;
  throw new WardenError('ARM_REQUEST_FAILED', `GET ${resourceId}: ARM returned no resource body (status ${response.status})`);
}

/** The body when it is an ARM resource (has `id` and `type`). */
export function resourceBody(response: Pick<PipelineResponse, 'bodyAsText'>): ArmObject | undefined {
  const parsed = parseJsonObject(response.bodyAsText);
  return parsed && typeof parsed.id === 'string' && typeof parsed.type === 'string' ? parsed : undefined;
}

interface ArmErrorBody {
  error?: { code?: string; message?: string };
}

/** The same RestError an SDK operation throws, so the gateway maps 404/429/other as for every kind. */
export function restError(response: PipelineResponse): RestError {
  const body = parseJsonObject(response.bodyAsText) as ArmErrorBody | undefined;
  const code = body?.error?.code;
  const message = body?.error?.message ?? `ARM answered ${response.status}`;
  return new (coreRestPipeline().RestError)(message, { code, statusCode: response.status, request: response.request, response });
}
