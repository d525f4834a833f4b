import type { Item, ListContext, Lister, Settings } from '../../azure/lister';
import { parseResourceId } from '../../core/resource-id';
import { cdnSdk } from '../../azure/sdk';

const client = (c: ListContext, settings: Settings) => new (cdnSdk().CdnManagementClient)(c.credential, c.subscriptionId, settings);

/** Front Door Standard/Premium SKUs end in `_AzureFrontDoor`; every other SKU is a classic CDN profile. */
function isFrontDoor(profile: Item): boolean {
  const sku = profile.sku !== null && typeof profile.sku === 'object' && !Array.isArray(profile.sku) ? profile.sku.name : undefined;
  return typeof sku === 'string' && sku.endsWith('_AzureFrontDoor');
}

/**
 * Custom domains and endpoints are children of profiles: list the subscription's profiles once, then
 * each Front Door profile's custom domains (AFDCustomDomains_ListByProfile) and each classic profile's
 * endpoints (Endpoints_ListByProfile). One lister, so the profiles are listed once per sweep.
 */
const profileChildrenLister: Lister = {
  types: ['microsoft.cdn/profiles/customdomains', 'microsoft.cdn/profiles/endpoints'],
  async *rows(c) {
    const profiles = await c.list(`list CDN / Front Door profiles in ${c.subscriptionId}`, (settings) => client(c, settings).profiles.list());
    for (const profile of profiles) {
      const { resourceGroup, names } = parseResourceId(profile.id);
      if (isFrontDoor(profile)) {
        if (!c.wanted.has('microsoft.cdn/profiles/customdomains')) continue;
        yield* await c.list(`list custom domains of ${profile.id}`, (settings) => client(c, settings).afdCustomDomains.listByProfile(resourceGroup, names[0]));
      } else {
        if (!c.wanted.has('microsoft.cdn/profiles/endpoints')) continue;
        yield* await c.list(`list endpoints of ${profile.id}`, (settings) => client(c, settings).endpoints.listByProfile(resourceGroup, names[0]));
      }
    }
  },
};

export const listers: readonly Lister[] = [profileChildrenLister];
