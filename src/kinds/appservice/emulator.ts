import { type ArmObject, type JsonObject } from '../../controls/types';
import { cloneJson, isJsonObject } from '../../core/json';
import { AUTH_SETTINGS_V2, facts as appServiceFacts } from './facts';
import { typeFacts } from '../facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind, SandboxType } from '../../sandbox/kinds/kind';

/** The TLS/FTPS fields a site GET always reports as null: they live in config/web only. */
const CONFIG_ONLY_FIELDS = ['minTlsVersion', 'scmMinTlsVersion', 'ftpsState', 'minTlsCipherSuite'] as const;

/**
 * The config/web document ARM has for a new app, after GetSiteConfig.json (2025-05-01 example).
 * Defaults that matter for transit-warden, checked against public sources:
 * - minTlsVersion / scmMinTlsVersion "1.2": App Service has enforced TLS 1.2 as the minimum for new
 *   apps since 2020 (the REST example and PSRule's Azure.AppService.MinTLS both say so).
 * - ftpsState "AllAllowed": the ARM/API default (CIS Azure benchmark: "By default, FTP based deployment
 *   is All allowed"; the REST example shows AllAllowed). The portal may pick FTPS-only, the API does not,
 *   so a site created by template without ftpsState fails appservice-ftps-only — as in Azure.
 */
const DEFAULT_SITE_CONFIG: JsonObject = {
  numberOfWorkers: 1,
  defaultDocuments: ['Default.htm', 'Default.html', 'Default.asp', 'index.htm', 'index.html', 'iisstart.htm', 'default.aspx', 'index.php', 'hostingstart.html'],
  netFrameworkVersion: 'v4.0',
  phpVersion: '5.6',
  pythonVersion: '',
  nodeVersion: '',
  powerShellVersion: '',
  linuxFxVersion: '',
  requestTracingEnabled: false,
  remoteDebuggingEnabled: false,
  httpLoggingEnabled: false,
  acrUseManagedIdentityCreds: false,
  logsDirectorySizeLimit: 35,
  detailedErrorLoggingEnabled: false,
  use32BitWorkerProcess: true,
  webSocketsEnabled: false,
  alwaysOn: false,
  appCommandLine: '',
  managedPipelineMode: 'Integrated',
  virtualApplications: [{ virtualPath: '/', physicalPath: 'site\\wwwroot', preloadEnabled: false }],
  loadBalancing: 'LeastRequests',
  autoHealEnabled: false,
  vnetName: '',
  vnetRouteAllEnabled: false,
  vnetPrivatePortsCount: 0,
  http20Enabled: false,
  minTlsVersion: '1.2',
  scmMinTlsVersion: '1.2',
  ftpsState: 'AllAllowed',
  functionAppScaleLimit: 0,
  functionsRuntimeScaleMonitoringEnabled: false,
  minimumElasticInstanceCount: 0,
  azureStorageAccounts: {},
};

/**
 * A site or slot without a config/web object gets the default document. Non-null values an estate
 * author put in properties.siteConfig (the template shape) seed it, so `siteConfig.minTlsVersion:
 * "1.0"` in a hand-written estate means what its author meant.
 */
function defaultConfigWeb(owner: ArmObject, configType: string): ArmObject[] {
  const properties: JsonObject = cloneJson(DEFAULT_SITE_CONFIG);
  const ownerProperties = owner.properties;
  const seeded = isJsonObject(ownerProperties) ? ownerProperties.siteConfig : undefined;
  if (isJsonObject(seeded)) {
    for (const [key, value] of Object.entries(seeded)) if (value !== null) properties[key] = cloneJson(value);
  }
  const config: ArmObject = { id: `${String(owner.id)}/config/web`, name: 'web', type: configType, properties };
  if (typeof owner.kind === 'string') config.kind = owner.kind;
  if (typeof owner.location === 'string') config.location = owner.location;
  return [config];
}

/**
 * The config/authsettingsV2 document ARM has for an app on which no one configured Easy Auth: every
 * site and slot has one (a GET never answers 404), with authentication off. No stored spec example
 * or recording shows this case, so the values are an assumption, kept to what the controls read: the
 * platform disabled, and httpSettings with requireHttps true (the non-false default the control
 * relies on), the `/.auth` route prefix and no forward proxy.
 */
function defaultAuthSettingsV2(owner: ArmObject, configType: string): ArmObject {
  const document: ArmObject = {
    id: `${String(owner.id)}/config/${AUTH_SETTINGS_V2}`,
    name: AUTH_SETTINGS_V2,
    type: configType,
    properties: {
      platform: { enabled: false },
      globalValidation: { requireAuthentication: false },
      identityProviders: {},
      login: {},
      httpSettings: { requireHttps: true, routes: { apiPrefix: '/.auth' }, forwardProxy: { convention: 'NoProxy' } },
    },
  };
  if (typeof owner.kind === 'string') document.kind = owner.kind;
  if (typeof owner.location === 'string') document.location = owner.location;
  return document;
}

/** Real ARM: a site GET carries siteConfig, but its TLS/FTPS fields are null (see the arm-appservice recording). */
function nullConfigOnlyFields(site: ArmObject): void {
  if (!isJsonObject(site.properties)) site.properties = {};
  const properties = site.properties as JsonObject;
  if (!isJsonObject(properties.siteConfig)) properties.siteConfig = {};
  const siteConfig = properties.siteConfig as JsonObject;
  for (const field of CONFIG_ONLY_FIELDS) siteConfig[field] = null;
}

function siteType(type: string, configType: string): SandboxType {
  return sandboxType(typeFacts(appServiceFacts, type), {
    normalize: nullConfigOnlyFields,
    defaultChildren: (site) => [...defaultConfigWeb(site, configType), defaultAuthSettingsV2(site, configType)],
  });
}

function configType(type: string, name?: string): SandboxType {
  return sandboxType(typeFacts(appServiceFacts, type, name));
}

/**
 * App Service web, function and API apps, their deployment slots, and each one's config/web and
 * config/authsettingsV2. The latter has no update in the facts, so a PATCH of it is refused and only
 * the PUT of the document as read, with writable values changed, is accepted (as the spec offers).
 */
export const emulator: SandboxKind = {
  name: 'appservice',
  types: [
    siteType('Microsoft.Web/sites', 'Microsoft.Web/sites/config'),
    siteType('Microsoft.Web/sites/slots', 'Microsoft.Web/sites/slots/config'),
    configType('Microsoft.Web/sites/config'),
    configType('Microsoft.Web/sites/slots/config'),
    configType('Microsoft.Web/sites/config', AUTH_SETTINGS_V2),
    configType('Microsoft.Web/sites/slots/config', AUTH_SETTINGS_V2),
  ],
};
