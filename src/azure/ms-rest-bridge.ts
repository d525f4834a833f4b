import type { HttpClient } from '@azure/core-rest-pipeline';
import type { HttpClient as MsRestHttpClient, HttpOperationResponse, WebResourceLike } from '@azure/ms-rest-js';
import { coreRestPipeline, msRestSdk } from './sdk';
import { WardenError } from '../errors';

/**
 * Adapts a core-rest-pipeline HttpClient (what the sandbox exposes, and what every new SDK client
 * takes) to the ms-rest-js HttpClient that @azure/arm-resourcegraph 4.x — an older client style —
 * accepts as its `httpClient` option. Only what that client sends is supported: JSON (string)
 * bodies and buffered responses. Anything else is refused loudly rather than sent half-formed.
 */
export function msRestHttpClient(client: HttpClient): MsRestHttpClient {
  return {
    async sendRequest(resource: WebResourceLike): Promise<HttpOperationResponse> {
      // ms-rest-js serialises JSON bodies to a string before the HttpClient sees them.
      const body: unknown = resource.body;
      if (body !== undefined && body !== null && typeof body !== 'string') {
        throw new WardenError('NOT_IMPLEMENTED', `ms-rest bridge: only string request bodies are supported, got ${typeof body}`);
      }
      if (resource.streamResponseBody || resource.formData) {
        throw new WardenError('NOT_IMPLEMENTED', 'ms-rest bridge: streamed responses and form data are not supported');
      }
      const request = coreRestPipeline().createPipelineRequest({
        url: resource.url,
        method: resource.method,
        headers: coreRestPipeline().createHttpHeaders(resource.headers.rawHeaders()),
        body: typeof body === 'string' ? body : undefined,
        timeout: resource.timeout,
        abortSignal: resource.abortSignal,
      });
      const response = await client.sendRequest(request);
      return {
        request: resource,
        status: response.status,
        headers: new (msRestSdk().HttpHeaders)(response.headers.toJSON()),
        bodyAsText: response.bodyAsText ?? null,
      };
    },
  };
}
