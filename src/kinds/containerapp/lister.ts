import { sdkList, type Lister } from '../../azure/lister';
import { containerAppsSdk } from '../../azure/sdk';

/** One list-by-subscription call, paged. */
export const listers: readonly Lister[] = [
  sdkList('Microsoft.App/containerApps', 'list container apps', (c, settings) => new (containerAppsSdk().ContainerAppsAPIClient)(c.credential, c.subscriptionId, settings).containerApps.listBySubscription()),
];
