import { appServiceSdk } from '../../azure/sdk';
import { SITE_CONFIG_TARGET } from './shared';
import type { ControlTarget } from '../../controls/types';
import { WardenError } from '../../errors';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapter, type KindAdapterFactory } from '../../azure/kinds/kind';
import { facts as appServiceFacts } from './facts';
import { updateOf } from '../facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

// The update models' writable scalars; wire names equal the SDK's flattened model names for App
// Service. Anything else is refused rather than silently dropped by the serializer. Slots share the
// site's models.
const SITE_WRITABLE = sdkWritable(updateOf(appServiceFacts, 'Microsoft.Web/sites'));
const CONFIG_WRITABLE = sdkWritable(updateOf(appServiceFacts, 'Microsoft.Web/sites/config'));

/** Sites and deployment slots (web, function and API apps); TLS/FTPS live in config/web, not the site GET. */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (appServiceSdk().WebSiteManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));

  function parts(id: ResourceId): { rg: string; site: string; slot?: string } {
    const [site, slot] = id.names;
    return slot === undefined ? { rg: id.resourceGroup, site } : { rg: id.resourceGroup, site, slot };
  }

  function checkTarget(target: ControlTarget): void {
    if (target !== 'self' && target !== SITE_CONFIG_TARGET) throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `App Service has no document ${target}`);
  }

  const adapter: KindAdapter = {
    resourceTypes: ['Microsoft.Web/sites', 'Microsoft.Web/sites/slots'],
    read(id, target) {
      checkTarget(target);
      const { rg, site, slot } = parts(id);
      const apps = client(id.subscriptionId).webApps;
      if (target === 'self') {
        return callForWire((o) => (slot === undefined ? apps.get(rg, site, o) : apps.getSlot(rg, site, slot, o)));
      }
      return callForWire((o) => (slot === undefined ? apps.getConfiguration(rg, site, o) : apps.getConfigurationSlot(rg, site, slot, o)));
    },
    patch(id, target, body) {
      checkTarget(target);
      const { rg, site, slot } = parts(id);
      const apps = client(id.subscriptionId).webApps;
      // The REST spec lets WebApps_Update answer 202, which this SDK does not poll: with no site in
      // the answer, read back what ARM holds (and the engine verifies that).
      const reread = () => adapter.read(id, target);
      if (target === 'self') {
        const model = toSdkModel(body, SITE_WRITABLE, 'site PATCH');
        return callForWire((o) => (slot === undefined ? apps.update(rg, site, model, o) : apps.updateSlot(rg, site, slot, model, o)), reread);
      }
      const model = toSdkModel(body, CONFIG_WRITABLE, 'config/web PATCH');
      return callForWire(
        (o) => (slot === undefined ? apps.updateConfiguration(rg, site, model, o) : apps.updateConfigurationSlot(rg, site, slot, model, o)),
        reread,
      );
    },
  };
  return adapter;
};
