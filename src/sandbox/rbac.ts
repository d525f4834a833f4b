/**
 * ARM's authorisation, for the sandbox: the action a request needs, derived from its method and
 * path as ARM derives it (`{namespace}/{type}[/{childType}…]/{read|write|delete}`, `/action` for a
 * POST to an action name). With a role set, the sandbox refuses what the role does not grant, so a
 * test can prove the deployed role is enough for every call transit-warden makes — and that each of
 * its actions is needed by one.
 */

/** POSTs that ARM authorises as reads (queries), keyed `namespace/type` in lower case. */
const QUERY_POSTS: Readonly<Record<string, string>> = {
  'microsoft.resourcegraph/resources': 'Microsoft.ResourceGraph/resources/read',
};

const VERBS: Readonly<Record<string, string>> = { GET: 'read', HEAD: 'read', PUT: 'write', PATCH: 'write', DELETE: 'delete' };

/**
 * The action a request needs, or undefined when the path is not an ARM resource path. `path` is the
 * URL pathname, or its segments already decoded (the sandbox passes those: it decodes a path once).
 */
export function requiredAction(method: string, path: string | readonly string[]): string | undefined {
  const segments = typeof path === 'string' ? path.split('/').filter((s) => s !== '').map((s) => safeDecode(s)) : path;
  const verb = method.toUpperCase();
  let rest: string[];
  if (segments[0]?.toLowerCase() === 'providers') {
    rest = segments.slice(1);
  } else if (segments[0]?.toLowerCase() === 'subscriptions' && segments.length >= 2) {
    const afterSubscription = segments.slice(2);
    if (afterSubscription[0]?.toLowerCase() === 'resourcegroups') {
      if (afterSubscription.length === 2) return VERBS[verb] ? `Microsoft.Resources/subscriptions/resourceGroups/${VERBS[verb]}` : undefined;
      if (afterSubscription[2]?.toLowerCase() !== 'providers') return undefined;
      rest = afterSubscription.slice(3);
    } else if (afterSubscription[0]?.toLowerCase() === 'providers') {
      rest = afterSubscription.slice(1);
    } else {
      return undefined;
    }
  } else {
    return undefined;
  }
  const [namespace, ...typesAndNames] = rest;
  if (!namespace || typesAndNames.length === 0) return undefined;
  // Types sit at the even positions (type, name, type, name, …); an odd count ends on a type: a
  // collection (GET lists it) or, for POST, an action name.
  const types = typesAndNames.filter((_, i) => i % 2 === 0);
  // A namespace or type never holds a slash (an encoded `%2F` is not a separator): no action.
  if (namespace.includes('/') || types.some((t) => t.includes('/'))) return undefined;
  const endsOnType = typesAndNames.length % 2 === 1;
  if (verb === 'POST') {
    const query = QUERY_POSTS[`${namespace}/${types.join('/')}`.toLowerCase()];
    if (query) return query;
    if (!endsOnType || types.length < 2) return undefined;
    return `${namespace}/${types.join('/')}/action`;
  }
  return VERBS[verb] ? `${namespace}/${types.join('/')}/${VERBS[verb]}` : undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
