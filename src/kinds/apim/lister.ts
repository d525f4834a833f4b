import { unlessGone, type Lister, type Settings } from '../../azure/lister';
import { apiManagementSdk } from '../../azure/sdk';
import { parseResourceId } from '../../core/resource-id';

const SERVICES = 'microsoft.apimanagement/service';
const APIS = 'microsoft.apimanagement/service/apis';

/**
 * Services (ApiManagementService_List, by subscription, paged), and the APIs of each
 * (Api_ListByService, paged by nextLink; apimapis.json 2024-05-01). Resource Graph has no rows for
 * APIs (src/kinds/apim/facts.ts), so these calls are how a sweep finds them. A type no control of
 * the catalog evaluates is neither yielded nor listed.
 */
const apimLister: Lister = {
  types: [SERVICES, APIS],
  async *rows(c) {
    const client = (settings: Settings) => new (apiManagementSdk().ApiManagementClient)(c.credential, c.subscriptionId, settings);
    const services = await c.list(`list API Management services in ${c.subscriptionId}`, (settings) => client(settings).apiManagementService.list());
    for (const service of services) {
      if (c.wanted.has(SERVICES)) yield service;
      if (!c.wanted.has(APIS)) continue;
      const { resourceGroup, names } = parseResourceId(service.id);
      // A service deleted since the list answers 404: nothing of it is left to sweep.
      yield* (await unlessGone(c.list(`list APIs of ${service.id}`, (settings) => client(settings).api.listByService(resourceGroup, names[0])))) ?? [];
    }
  },
};

export const listers: readonly Lister[] = [apimLister];
