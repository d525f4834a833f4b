import type { Json } from '../controls/types';

/**
 * The ARM error codes the sandbox answers with. Most are ARM's own; where a resource provider's
 * wording varies, the sandbox picks one code and documents it here so tests can rely on it.
 */
export const ARM_ERROR = {
  /** 401: no Authorization header. */
  missingToken: 'AuthenticationFailed',
  /** 401: a bearer token the sandbox did not issue. */
  invalidToken: 'InvalidAuthenticationToken',
  /** 403: the caller's role lacks the action ARM derives from the request. */
  authorizationFailed: 'AuthorizationFailed',
  missingApiVersion: 'MissingApiVersionParameter',
  /** 400 from resource providers for an api-version they do not serve. */
  unsupportedApiVersion: 'NoRegisteredProviderFound',
  /** 400 from ARM's own namespace (resource groups) for an unknown api-version. */
  invalidApiVersion: 'InvalidApiVersionParameter',
  unknownType: 'InvalidResourceType',
  unknownRoute: 'InvalidRequestUri',
  /** 400: a request path with a malformed percent-escape (`%zz`, a lone `%`, bytes that are not UTF-8). */
  malformedUri: 'InvalidRequestUri',
  methodNotAllowed: 'MethodNotAllowed',
  /** 412: If-Match names an ETag the resource no longer has. */
  preconditionFailed: 'PreconditionFailed',
  notFound: 'ResourceNotFound',
  resourceGroupNotFound: 'ResourceGroupNotFound',
  /** 400: body not a JSON object, properties not wrapped in `properties`, read-only or unknown properties. */
  invalidContent: 'InvalidRequestContent',
  /** 400: a value outside the REST spec's enum or type for that property. */
  invalidValue: 'InvalidRequestPropertyValue',
  throttled: 'TooManyRequests',
  internalError: 'InternalServerError',
  unavailable: 'ServiceUnavailable',
} as const;

export interface SandboxReply {
  status: number;
  /** JSON body; omitted for empty responses. */
  body?: Json;
  headers?: Record<string, string>;
}

export function armError(status: number, code: string, message: string, headers?: Record<string, string>): SandboxReply {
  return { status, body: { error: { code, message } }, headers };
}
