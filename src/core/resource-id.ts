import { WardenError } from '../errors';
import { quoteUntrusted } from '../redact';

/**
 * A parsed ARM resource id. Parsing is strict on purpose: an id comes from an event body or a file a
 * person wrote, and it decides which resource we may write to.
 */
export interface ResourceId {
  subscriptionId: string;
  resourceGroup: string;
  /** Resource provider namespace as written, e.g. `Microsoft.Web`. */
  provider: string;
  /** Type segments after the provider, e.g. [`sites`, `slots`]. */
  typeSegments: string[];
  /** Names matching each type segment, e.g. [`app`, `staging`]. */
  names: string[];
  /** Full type, e.g. `Microsoft.Web/sites/slots`. */
  type: string;
  /** The id rebuilt with canonical `resourceGroups`/`providers` spelling and no trailing slash. */
  id: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A subscription id: a GUID, any case (ARM compares ids case-insensitively). */
export function isSubscriptionId(value: string): boolean {
  return GUID.test(value);
}
// Resource group names: letters, digits, underscore, hyphen, period, parentheses; no trailing period.
const RESOURCE_GROUP = /^[\p{L}\p{N}_\-.()]{1,90}$/u;
const PROVIDER = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;
const TYPE_SEGMENT = /^[A-Za-z][A-Za-z0-9]*$/;
// Resource names differ per provider; refuse only what can never be a name and could change a URL.
const FORBIDDEN_IN_NAME = /[\u0000-\u001f\u007f%\\?#&<>*:"|]/;
const MAX_ID_LENGTH = 2048;

/**
 * Why a string is not a resource in a resource group, as a code callers branch on (the message is for
 * people): a well-formed id of something above or beside a resource — a resource group, a
 * subscription-scope id, an extension resource — is not malformed, and the event intake ignores
 * those instead of rejecting them. Carried as `details.refusal` of INVALID_RESOURCE_ID.
 */
export type ResourceIdRefusal = 'malformed' | 'resource-group' | 'no-resource-group' | 'extension-resource';

function invalid(input: unknown, why: string, refusal: ResourceIdRefusal = 'malformed'): WardenError {
  const shown = typeof input === 'string' ? quoteUntrusted(input, 200) : typeof input;
  return new WardenError('INVALID_RESOURCE_ID', `invalid resource id (${why}): ${JSON.stringify(shown)}`, { why, refusal });
}

/** The refusal code of an INVALID_RESOURCE_ID error, or undefined for any other error. */
export function resourceIdRefusal(err: unknown): ResourceIdRefusal | undefined {
  if (!(err instanceof WardenError) || err.code !== 'INVALID_RESOURCE_ID') return undefined;
  const refusal = err.details?.refusal;
  return refusal === 'resource-group' || refusal === 'no-resource-group' || refusal === 'extension-resource' ? refusal : 'malformed';
}

export function parseResourceId(input: unknown): ResourceId {
  if (typeof input !== 'string') throw invalid(input, 'not a string');
  if (input.length === 0) throw invalid(input, 'empty');
  if (input.length > MAX_ID_LENGTH) throw invalid(input, `longer than ${MAX_ID_LENGTH} characters`);
  if (!input.startsWith('/')) throw invalid(input, 'must start with /subscriptions/');
  const trimmed = input.endsWith('/') ? input.slice(0, -1) : input;
  const segments = trimmed.slice(1).split('/');
  for (const segment of segments) {
    if (segment === '') throw invalid(input, 'empty segment');
    if (segment === '.' || segment === '..') throw invalid(input, 'path traversal segment');
    if (segment.trim() !== segment) throw invalid(input, 'segment with surrounding white space');
    if (FORBIDDEN_IN_NAME.test(segment)) throw invalid(input, 'forbidden character');
  }
  const [subscriptionsWord, subscriptionId, rgWord, resourceGroup, providersWord, provider, ...rest] = segments;
  if (subscriptionsWord?.toLowerCase() !== 'subscriptions') throw invalid(input, 'must start with /subscriptions/');
  if (!subscriptionId || !GUID.test(subscriptionId)) throw invalid(input, 'subscription id is not a GUID');
  if (rgWord?.toLowerCase() !== 'resourcegroups' || !resourceGroup) throw invalid(input, 'missing resourceGroups segment', 'no-resource-group');
  if (!RESOURCE_GROUP.test(resourceGroup) || resourceGroup.endsWith('.')) throw invalid(input, 'malformed resource group name');
  if (providersWord === undefined) {
    throw invalid(input, 'a resource group, not a resource', 'resource-group');
  }
  if (providersWord.toLowerCase() !== 'providers' || !provider) throw invalid(input, 'missing providers segment');
  if (!PROVIDER.test(provider)) throw invalid(input, 'malformed provider namespace');
  if (rest.length === 0 || rest.length % 2 !== 0) throw invalid(input, 'type and name segments must pair up');
  const typeSegments: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const typeSegment = rest[i];
    const name = rest[i + 1];
    if (!TYPE_SEGMENT.test(typeSegment)) throw invalid(input, `malformed type segment ${JSON.stringify(typeSegment)}`);
    if (typeSegment.toLowerCase() === 'providers') throw invalid(input, 'nested providers segment (extension resource)', 'extension-resource');
    typeSegments.push(typeSegment);
    names.push(name);
  }
  const type = `${provider}/${typeSegments.join('/')}`;
  const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${provider}/${typeSegments
    .map((t, i) => `${t}/${names[i]}`)
    .join('/')}`;
  return { subscriptionId, resourceGroup, provider, typeSegments, names, type, id };
}

/** True when the string parses; never throws. */
export function isResourceId(input: unknown): boolean {
  try {
    parseResourceId(input);
    return true;
  } catch {
    return false;
  }
}

/** ARM ids are case-insensitive; this is the key to compare and de-duplicate on. */
export function resourceKey(id: string): string {
  return parseResourceId(id).id.toLowerCase();
}

/** The id of the parent resource (drop the last type/name pair), or undefined at the top level. */
export function parentOf(parsed: ResourceId): ResourceId | undefined {
  if (parsed.typeSegments.length < 2) return undefined;
  const typeSegments = parsed.typeSegments.slice(0, -1);
  const names = parsed.names.slice(0, -1);
  return {
    ...parsed,
    typeSegments,
    names,
    type: `${parsed.provider}/${typeSegments.join('/')}`,
    id: `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroup}/providers/${parsed.provider}/${typeSegments
      .map((t, i) => `${t}/${names[i]}`)
      .join('/')}`,
  };
}

/**
 * The resource and each of its parents, deepest first, with what lies below each as `type/name`
 * pairs (`config/web` for a site's config/web id at the site). How the event intake and `check`
 * find the resource a written or supplied object belongs to.
 */
export function* selfAndAncestors(parsed: ResourceId): Generator<{ resource: ResourceId; below: string }> {
  let resource: ResourceId | undefined = parsed;
  while (resource) {
    const depth = resource.typeSegments.length;
    const below = parsed.typeSegments.slice(depth).map((t, i) => `${t}/${parsed.names[depth + i]}`).join('/');
    yield { resource, below };
    resource = parentOf(resource);
  }
}

/** Resource group id for tags lookup. */
export function resourceGroupIdOf(parsed: ResourceId): string {
  return `/subscriptions/${parsed.subscriptionId}/resourceGroups/${parsed.resourceGroup}`;
}
