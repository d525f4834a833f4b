import { sdkList, type Lister } from '../../azure/lister';
import { mySqlFlexibleSdk } from '../../azure/sdk';

/** One list-by-subscription call, paged. */
export const listers: readonly Lister[] = [
  sdkList('Microsoft.DBforMySQL/flexibleServers', 'list MySQL flexible servers', (c, settings) => new (mySqlFlexibleSdk().MySQLManagementFlexibleServerClient)(c.credential, c.subscriptionId, settings).servers.list()),
];
