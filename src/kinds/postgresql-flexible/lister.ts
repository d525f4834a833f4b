import { sdkList, type Lister } from '../../azure/lister';
import { postgreSqlFlexibleSdk } from '../../azure/sdk';

/** One list-by-subscription call, paged. */
export const listers: readonly Lister[] = [
  sdkList('Microsoft.DBforPostgreSQL/flexibleServers', 'list PostgreSQL flexible servers', (c, settings) => new (postgreSqlFlexibleSdk().PostgreSQLManagementFlexibleServerClient)(c.credential, c.subscriptionId, settings).servers.listBySubscription()),
];
