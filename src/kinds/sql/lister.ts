import { sdkList, type Lister } from '../../azure/lister';
import { sqlSdk } from '../../azure/sdk';

/** One list-by-subscription call, paged. */
export const listers: readonly Lister[] = [
  sdkList('Microsoft.Sql/servers', 'list SQL servers', (c, settings) => new (sqlSdk().SqlManagementClient)(c.credential, c.subscriptionId, settings).servers.list()),
];
