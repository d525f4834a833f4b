import type { Lister, Settings } from '../../azure/lister';
import { parseResourceId } from '../../core/resource-id';
import { cdnSdk } from '../../azure/sdk';

/**
 * Custom domains are children of profiles: list the subscription's profiles, then each Front Door
 * profile's custom domains (AFDCustomDomains_ListByProfile). Classic CDN profiles have no AFD custom
 * domains (the list answers empty or refuses them by SKU), so only Front Door SKUs are asked.
 */
const customDomainLister: Lister = {
  types: ['microsoft.cdn/profiles/customdomains'],
  async *rows(c) {
    const client = (settings: Settings) => new (cdnSdk().CdnManagementClient)(c.credential, c.subscriptionId, settings);
    const profiles = await c.list(`list CDN / Front Door profiles in ${c.subscriptionId}`, (settings) => client(settings).profiles.list());
    for (const profile of profiles) {
      const sku = profile.sku !== null && typeof profile.sku === 'object' && !Array.isArray(profile.sku) ? profile.sku.name : undefined;
      if (typeof sku === 'string' && !sku.endsWith('_AzureFrontDoor')) continue;
      const { resourceGroup, names } = parseResourceId(profile.id);
      yield* await c.list(`list custom domains of ${profile.id}`, (settings) => client(settings).afdCustomDomains.listByProfile(resourceGroup, names[0]));
    }
  },
};

export const listers: readonly Lister[] = [customDomainLister];
