import { sdkList, type Lister } from '../../azure/lister';
import { apiManagementSdk } from '../../azure/sdk';

/** One list-by-subscription call, paged (ApiManagementService_List). */
export const listers: readonly Lister[] = [
  sdkList('Microsoft.ApiManagement/service', 'list API Management services', (c, settings) => new (apiManagementSdk().ApiManagementClient)(c.credential, c.subscriptionId, settings).apiManagementService.list()),
];
