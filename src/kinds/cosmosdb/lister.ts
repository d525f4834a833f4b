import { sdkList, type Lister } from '../../azure/lister';
import { cosmosDbSdk } from '../../azure/sdk';

/** One list-by-subscription call, paged. */
export const listers: readonly Lister[] = [
  sdkList('Microsoft.DocumentDB/databaseAccounts', 'list Cosmos DB accounts', (c, settings) => new (cosmosDbSdk().CosmosDBManagementClient)(c.credential, c.subscriptionId, settings).databaseAccounts.list()),
];
