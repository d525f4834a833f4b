import { unlessGone, type Lister, type Settings } from '../../azure/lister';
import { parseResourceId } from '../../core/resource-id';
import { appServiceSdk } from '../../azure/sdk';
import { APP_SERVICE_TYPES } from './shared';

const SITE_TYPES = APP_SERVICE_TYPES.map((type) => type.toLowerCase());

/** Sites and slots, and the config/web and config/authsettingsV2 each needs (a site GET or list leaves the TLS/FTPS fields null and holds no auth settings). */
const sitesLister: Lister = {
  types: SITE_TYPES,
  async *rows(c) {
    const webApps = (settings: Settings) => new (appServiceSdk().WebSiteManagementClient)(c.credential, c.subscriptionId, settings).webApps;
    const apps = webApps(c.settings);
    const sites = await c.list(`list sites in ${c.subscriptionId}`, (settings) => webApps(settings).list());
    for (const site of sites) {
      yield site;
      const { resourceGroup, names } = parseResourceId(site.id);
      const [name] = names;
      // A site (or slot) deleted since the list answers 404 here: it has nothing left to sweep, and
      // the rest of the subscription must still be swept. Its own row goes on to the engine, which
      // re-reads it and records it as not found.
      const slots = c.wanted.has('microsoft.web/sites/slots')
        ? (await unlessGone(c.list(`list slots of ${name}`, (settings) => webApps(settings).listSlots(resourceGroup, name)))) ?? []
        : [];
      yield* slots;
      if (c.needsSiteConfig) {
        const config = await unlessGone(c.read(`read ${site.id}/config/web`, (o) => apps.getConfiguration(resourceGroup, name, o)));
        if (config) yield config;
        for (const slot of slots) {
          const slotName = parseResourceId(slot.id).names[1];
          const slotConfig = await unlessGone(c.read(`read ${slot.id}/config/web`, (o) => apps.getConfigurationSlot(resourceGroup, name, slotName, o)));
          if (slotConfig) yield slotConfig;
        }
      }
      if (c.needsAuthSettings) {
        // Without secrets, as the adapter reads it (config/read suffices).
        const auth = await unlessGone(c.read(`read ${site.id}/config/authsettingsV2`, (o) => apps.getAuthSettingsV2WithoutSecrets(resourceGroup, name, o)));
        if (auth) yield auth;
        for (const slot of slots) {
          const slotName = parseResourceId(slot.id).names[1];
          const slotAuth = await unlessGone(c.read(`read ${slot.id}/config/authsettingsV2`, (o) => apps.getAuthSettingsV2WithoutSecretsSlot(resourceGroup, name, slotName, o)));
          if (slotAuth) yield slotAuth;
        }
      }
    }
  },
};

export const listers: readonly Lister[] = [sitesLister];
