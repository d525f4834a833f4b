/** Where a request URL points in ARM's namespace. Parsed by hand: this runs on every request. */
export interface ArmPath {
  /** Lower-cased, decoded path: the estate key. */
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

export function decodePath(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

export function parseArmPath(pathname: string): ArmPath | undefined {
  const segments = decodePath(pathname);
  if (!segments || segments.length < 4) return undefined;
  if (segments[0].toLowerCase() !== 'subscriptions' || segments[2].toLowerCase() !== 'resourcegroups') return undefined;
  const key = `/${segments.join('/')}`.toLowerCase();
  const [, subscriptionId, , resourceGroup] = segments;
  if (segments.length === 4) {
    return { key, shape: 'resource-group', subscriptionId, resourceGroup, provider: 'Microsoft.Resources', type: 'Microsoft.Resources/resourceGroups', typeAndNames: `resourceGroups/${resourceGroup}` };
  }
  if (segments[4].toLowerCase() !== 'providers' || segments.length < 8 || segments.length % 2 !== 0) return undefined;
  const provider = segments[5];
  const rest = segments.slice(6);
  const types: string[] = [];
  for (let i = 0; i < rest.length; i += 2) types.push(rest[i]);
  return { key, shape: 'resource', subscriptionId, resourceGroup, provider, type: `${provider}/${types.join('/')}`, typeAndNames: rest.join('/') };
}
