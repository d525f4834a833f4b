import { appServiceSdk, resourcesSdk } from '../../azure/sdk';
import { AUTH_SETTINGS_TARGET, SITE_CONFIG_TARGET } from './shared';
import type { ArmObject, ControlTarget, JsonObject } from '../../controls/types';
import { WardenError } from '../../errors';
import type { ResourceId } from '../../core/resource-id';
import { callForWire, toSdkModel } from '../../azure/wire';
import { armUrl, resourceBody, sendArmRequest } from '../../azure/arm-request';
import { cloneJson, isJsonObject } from '../../core/json';
import { applyMergePatch } from '../../core/merge-patch';
import { clientCache, sdkOptions, type KindAdapter, type KindAdapterFactory } from '../../azure/kinds/kind';
import { AUTH_SETTINGS_V2, facts as appServiceFacts } from './facts';
import { typeFacts, updateOf, type WriteFact } from '../facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

// The update models' writable scalars; wire names equal the SDK's flattened model names for App
// Service. Anything else is refused rather than silently dropped by the serializer. Slots share the
// site's models.
const SITE_WRITABLE = sdkWritable(updateOf(appServiceFacts, 'Microsoft.Web/sites'));
const CONFIG_WRITABLE = sdkWritable(updateOf(appServiceFacts, 'Microsoft.Web/sites/config'));

/** WebApps_UpdateAuthSettingsV2 (slots share its model): the only write of config/authsettingsV2, a PUT. */
function authSettingsReplace(): WriteFact {
  const replace = typeFacts(appServiceFacts, 'Microsoft.Web/sites/config', AUTH_SETTINGS_V2).replace;
  if (!replace) throw new WardenError('INVALID_CONFIG', 'appservice facts give config/authsettingsV2 no WebApps_UpdateAuthSettingsV2');
  return replace;
}
const AUTH_SETTINGS_PUT = authSettingsReplace();
const AUTH_SETTINGS_READ_ONLY = typeFacts(appServiceFacts, 'Microsoft.Web/sites/config', AUTH_SETTINGS_V2).readOnly;

/** Dotted leaf paths of a body (arrays are leaves). */
function leafPaths(body: JsonObject, prefix = ''): string[] {
  return Object.entries(body).flatMap(([key, value]) => (isJsonObject(value) ? leafPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

/**
 * A fix of config/authsettingsV2 may change only scalar properties the PUT model names one by one
 * (httpSettings.requireHttps, say): a path under a section the facts keep whole (`login`,
 * `identityProviders`) is refused, as is anything the model lacks, so a fix cannot quietly rewrite
 * more than it declares.
 */
function checkAuthSettingsFix(body: JsonObject): void {
  for (const path of leafPaths(body)) {
    const fact = AUTH_SETTINGS_PUT.writable[path];
    if (fact === undefined || fact === 'object' || fact === 'array') {
      throw new WardenError('INVALID_INPUT', `config/authsettingsV2 PUT: ${path} is not a property a fix may change (${AUTH_SETTINGS_PUT.operation} at ${AUTH_SETTINGS_PUT.apiVersion})`);
    }
  }
}

/** The document as read, less what a writer cannot set: ARM's own keys and the facts' readOnly paths. */
function writableDocument(document: ArmObject): JsonObject {
  const body = cloneJson(document) as JsonObject;
  for (const key of ['id', 'name', 'type', 'systemData', 'etag']) delete body[key];
  for (const path of AUTH_SETTINGS_READ_ONLY) {
    const keys = path.split('.');
    let at: JsonObject | undefined = body;
    for (const key of keys.slice(0, -1)) {
      const next: unknown = at?.[key];
      at = isJsonObject(next) ? next : undefined;
    }
    if (at) delete at[keys[keys.length - 1]];
  }
  return body;
}

/**
 * Sites and deployment slots (web, function and API apps); TLS/FTPS live in config/web, not the site
 * GET, and Easy Auth in config/authsettingsV2 (written back by PUT: the spec offers no PATCH of it).
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (appServiceSdk().WebSiteManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));

  function parts(id: ResourceId): { rg: string; site: string; slot?: string } {
    const [site, slot] = id.names;
    return slot === undefined ? { rg: id.resourceGroup, site } : { rg: id.resourceGroup, site, slot };
  }

  // The PUT of config/authsettingsV2 goes through @azure/arm-resources' pipeline (same credential,
  // retries and throttling handling as the SDK's calls) with the document exactly as read: the
  // appservice SDK's updateAuthSettingsV2 would rebuild the body from its model, and a PUT that drops
  // a property the model lacks resets it.
  const resources = clientCache((subscriptionId) => new (resourcesSdk().ResourceManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));

  function checkTarget(target: ControlTarget): void {
    if (target !== 'self' && target !== SITE_CONFIG_TARGET && target !== AUTH_SETTINGS_TARGET) {
      throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `App Service has no document ${target}`);
    }
  }

  function readAuthSettings(id: ResourceId): Promise<ArmObject> {
    const { rg, site, slot } = parts(id);
    const apps = client(id.subscriptionId).webApps;
    // Without secrets: the V2 document names the app settings that hold secrets and never holds
    // their values, and this GET needs only config/read (the /list variant needs config/list/action,
    // which also reveals every app setting and connection string).
    return callForWire((o) => (slot === undefined ? apps.getAuthSettingsV2WithoutSecrets(rg, site, o) : apps.getAuthSettingsV2WithoutSecretsSlot(rg, site, slot, o)));
  }

  /**
   * DESIGN's one exception to "never a full PUT": the spec offers no PATCH of config/authsettingsV2.
   * The document is read again just before the PUT (the engine's read may be seconds old) and written
   * back with only the fix's values changed: identity providers, secret setting names, token store
   * and every other section go back as ARM returned them. SiteAuthSettingsV2 carries no ETag; an
   * If-Match is sent whenever ARM does return one.
   */
  async function replaceAuthSettings(id: ResourceId, patch: JsonObject): Promise<ArmObject> {
    checkAuthSettingsFix(patch);
    const current = await readAuthSettings(id);
    const body = applyMergePatch(writableDocument(current), patch);
    const headers: Record<string, string> = typeof current.etag === 'string' ? { 'if-match': current.etag } : {};
    const url = armUrl(settings.endpoint, `${id.id}/${AUTH_SETTINGS_TARGET}`, AUTH_SETTINGS_PUT.apiVersion);
    const response = await sendArmRequest(resources(id.subscriptionId), url, 'PUT', body, headers);
    return resourceBody(response) ?? readAuthSettings(id);
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
      if (target === AUTH_SETTINGS_TARGET) return readAuthSettings(id);
      return callForWire((o) => (slot === undefined ? apps.getConfiguration(rg, site, o) : apps.getConfigurationSlot(rg, site, slot, o)));
    },
    patch(id, target, body) {
      checkTarget(target);
      if (target === AUTH_SETTINGS_TARGET) return replaceAuthSettings(id, body);
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
    writeMethod: (target) => (target === AUTH_SETTINGS_TARGET ? AUTH_SETTINGS_PUT.method : 'PATCH'),
  };
  return adapter;
};
