import { sdkList, type Lister } from '../../azure/lister';
import { eventHubSdk } from '../../azure/sdk';

/** One list-by-subscription call, paged. */
export const listers: readonly Lister[] = [
  sdkList('Microsoft.EventHub/namespaces', 'list Event Hubs namespaces', (c, settings) => new (eventHubSdk().EventHubManagementClient)(c.credential, c.subscriptionId, settings).namespaces.list()),
];
