/**
 * A request path, decoded once where the sandbox receives the request. Every layer (operation
 * monitors, ARM resources, the role check, extra routes) reads these segments and this key and
 * never decodes the raw pathname again, so they all agree on what a request names.
 */
export interface RequestPath {
  /** Decoded segments, empty ones dropped. An encoded slash (`%2F`) stays inside its segment. */
  readonly segments: readonly string[];
  /** Lower-cased `/seg/seg/…` (see pathKey): the estate and operation key of the whole path. */
  readonly key: string;
}

/** Where a request URL points in ARM's namespace. Parsed by hand: this runs on every request. */
export interface ArmPath {
  /** The request path's key (see pathKey): lower-cased, decoded; the estate key. */
  key: string;
  shape: 'resource-group' | 'resource';
  subscriptionId: string;
  resourceGroup: string;
  /** Provider namespace as spelled in the URL (resources only). */
  provider: string;
  /** Type as spelled in the URL: `Microsoft.Web/sites/config`, or Microsoft.Resources/resourceGroups. */
  type: string;
  /** `sites/app/config/web`: the part of ARM's not-found message after the provider. */
  typeAndNames: string;
}

/**
 * The decoded segments of a URL pathname, or undefined when it holds a malformed percent-escape
 * (`%zz`, a lone `%`, bytes that are not UTF-8). Segments without `%` are taken as they are.
 */
export function decodePath(pathname: string): string[] | undefined {
  const segments = pathname.split('/').filter((s) => s !== '');
  if (!pathname.includes('%')) return segments;
  try {
    for (let i = 0; i < segments.length; i++) {
      if (segments[i].includes('%')) segments[i] = decodeURIComponent(segments[i]);
    }
  } catch {
    return undefined;
  }
  return segments;
}

/** A request's path decoded once (see RequestPath), or undefined for a malformed percent-escape. */
export function decodeRequestPath(pathname: string): RequestPath | undefined {
  const segments = decodePath(pathname);
  return segments && { segments, key: pathKey(segments) };
}

/**
 * The lower-cased key of decoded segments: `/a/b/c`. A segment that holds `/` or `%` (only possible
 * after decoding `%2F` or `%25`) keeps them escaped, so `a%2Fb` is one segment named `a/b`, never the
 * two segments `a` and `b`, and differs from `a%252Fb` (named `a%2Fb`). Estate ids hold neither
 * character inside a name, so such a key names nothing stored.
 */
export function pathKey(segments: readonly string[]): string {
  let key = '';
  for (const segment of segments) {
    key += '/';
    key += segment.includes('/') || segment.includes('%') ? segment.replace(/%/g, '%25').replace(/\//g, '%2F') : segment;
  }
  return (key === '' ? '/' : key).toLowerCase();
}

export function parseArmPath(path: RequestPath): ArmPath | undefined {
  const { segments, key } = path;
  if (segments.length < 4) return undefined;
  if (segments[0].toLowerCase() !== 'subscriptions' || segments[2].toLowerCase() !== 'resourcegroups') return undefined;
  const [, subscriptionId, , resourceGroup] = segments;
  if (segments.length === 4) {
    return { key, shape: 'resource-group', subscriptionId, resourceGroup, provider: 'Microsoft.Resources', type: 'Microsoft.Resources/resourceGroups', typeAndNames: `resourceGroups/${resourceGroup}` };
  }
  if (segments[4].toLowerCase() !== 'providers' || segments.length < 8 || segments.length % 2 !== 0) return undefined;
  const provider = segments[5];
  const rest = segments.slice(6);
  const types: string[] = [];
  for (let i = 0; i < rest.length; i += 2) types.push(rest[i]);
  // A namespace or type never holds a slash: `Microsoft.Web%2Fsites` names no type.
  if (provider.includes('/') || types.some((t) => t.includes('/'))) return undefined;
  return { key, shape: 'resource', subscriptionId, resourceGroup, provider, type: `${provider}/${types.join('/')}`, typeAndNames: rest.join('/') };
}
