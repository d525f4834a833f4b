import { sdkList, type Lister } from '../../azure/lister';
import { storageSdk } from '../../azure/sdk';

/** One list-by-subscription call, paged. */
export const listers: readonly Lister[] = [
  sdkList('Microsoft.Storage/storageAccounts', 'list storage accounts', (c, settings) => new (storageSdk().StorageManagementClient)(c.credential, c.subscriptionId, settings).storageAccounts.list()),
];
