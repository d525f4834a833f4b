import { notApplicable, sameType, type ArmObject, type ControlDefinition, type Verdict } from '../../controls/types';

/**
 * What the App Service controls share: the resource types (web, function and API apps and their
 * deployment slots are all `Microsoft.Web/sites[/slots]`, told apart only by `kind`, and every kind
 * carries the same transport settings) and the ARM actions to read and write them.
 */
export const APP_SERVICE_TYPES = ['Microsoft.Web/sites', 'Microsoft.Web/sites/slots'] as const;

/** The config/web document that carries minTlsVersion, scmMinTlsVersion and ftpsState. */
export const SITE_CONFIG_TARGET = 'config/web';

/** The Easy Auth (App Service Authentication) V2 document, which carries httpSettings.requireHttps. */
export const AUTH_SETTINGS_TARGET = 'config/authsettingsV2';

/**
 * Whether any control of `catalog` reads an App Service site's or slot's config/web: sweep sources
 * (Resource Graph, list calls) fetch those documents only then.
 */
export function readsSiteConfig(catalog: readonly Pick<ControlDefinition, 'target' | 'resourceTypes'>[]): boolean {
  return catalog.some((control) => control.target === SITE_CONFIG_TARGET && control.resourceTypes.some((type) => APP_SERVICE_TYPES.some((t) => sameType(t, type))));
}

/** Whether any control of `catalog` reads a site's or slot's config/authsettingsV2: list sweeps then fetch it (a list leaves it out). */
export function readsAuthSettings(catalog: readonly Pick<ControlDefinition, 'target' | 'resourceTypes'>[]): boolean {
  return catalog.some((control) => control.target === AUTH_SETTINGS_TARGET && control.resourceTypes.some((type) => APP_SERVICE_TYPES.some((t) => sameType(t, type))));
}

/** Reading the site (and slot) itself: the engine needs it for tags and kind, site controls for their flag. */
export const SITE_READ = ['Microsoft.Web/sites/read', 'Microsoft.Web/sites/slots/read'] as const;
export const SITE_WRITE = ['Microsoft.Web/sites/write', 'Microsoft.Web/sites/slots/write'] as const;
export const SITE_CONFIG_READ = ['Microsoft.Web/sites/config/read', 'Microsoft.Web/sites/slots/config/read'] as const;
export const SITE_CONFIG_WRITE = ['Microsoft.Web/sites/config/write', 'Microsoft.Web/sites/slots/config/write'] as const;

/** App Service spells TLS versions as plain numbers; 1.3 is stricter and stays as it is. */
export const APP_SERVICE_TLS_ACCEPTED = ['1.2', '1.3'] as const;
export const APP_SERVICE_TLS_FIX = '1.2';

/**
 * Which sites the App Service controls judge. A function app hosted on Azure Container Apps (its
 * `kind` includes `azurecontainerapps`) is a Microsoft.Web/sites resource whose ingress, TLS and
 * certificates are the Container Apps environment's: its site settings do not decide what clients
 * get, so a control does not apply and nothing is written (Azure Policy's App Service definitions
 * exclude that kind too). Logic Apps Standard (`workflowapp`) run on the App Service front end
 * like any web app, so they are judged and fixed like one, although Azure Policy's definitions
 * exclude them: their HTTPS-only, TLS and FTPS settings are the site's own.
 */
export function onAppServiceFrontEnd(evaluate: (document: ArmObject, site: ArmObject) => Verdict): (document: ArmObject, site: ArmObject) => Verdict {
  return (document, site) => {
    const kind = typeof site.kind === 'string' ? site.kind.toLowerCase() : '';
    if (kind.split(',').some((part) => part.trim() === 'azurecontainerapps')) {
      return notApplicable(`the site is a function app hosted on Azure Container Apps (kind ${JSON.stringify(site.kind)}): its ingress and TLS are Container Apps settings, so the site's own do not decide what clients get`);
    }
    return evaluate(document, site);
  };
}
