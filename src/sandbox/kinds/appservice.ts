import { type ArmObject, type JsonObject } from '../../controls/types';
import { cloneJson, isJsonObject } from '../../core/json';
import { boolean, oneOf, string, type SandboxKind, type SandboxType } from './kind';

// Microsoft.Web stable api-versions (azure-rest-api-specs). 2025-05-01 is what @azure/arm-appservice 19 sends.
const WEB_API_VERSIONS = [
  '2025-05-01', '2025-03-01', '2024-11-01', '2024-04-01', '2023-12-01', '2023-01-01', '2022-09-01', '2022-03-01',
  '2021-03-01', '2021-02-01', '2021-01-15', '2021-01-01', '2020-12-01', '2020-10-01', '2020-09-01', '2020-06-01',
  '2019-08-01', '2018-11-01', '2018-02-01', '2016-08-01',
];

const TLS_VERSIONS = oneOf('1.0', '1.1', '1.2', '1.3');

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

/** Real ARM: a site GET carries siteConfig, but its TLS/FTPS fields are null (see the arm-appservice recording). */
function nullConfigOnlyFields(site: ArmObject): void {
  if (!isJsonObject(site.properties)) site.properties = {};
  const properties = site.properties as JsonObject;
  if (!isJsonObject(properties.siteConfig)) properties.siteConfig = {};
  const siteConfig = properties.siteConfig as JsonObject;
  for (const field of CONFIG_ONLY_FIELDS) siteConfig[field] = null;
}

// Read-only per the Site / SiteConfig definitions of the Microsoft.Web REST spec.
const SITE_READ_ONLY = [
  'properties.state', 'properties.hostNames', 'properties.repositorySiteName', 'properties.usageState',
  'properties.enabledHostNames', 'properties.availabilityState', 'properties.lastModifiedTimeUtc',
  'properties.trafficManagerHostNames', 'properties.targetSwapSlot', 'properties.outboundIpAddresses',
  'properties.possibleOutboundIpAddresses', 'properties.suspendedTill', 'properties.maxNumberOfWorkers',
  'properties.resourceGroup', 'properties.isDefaultContainer', 'properties.defaultHostName',
  'properties.slotSwapStatus', 'properties.inProgressOperationId', 'properties.sku',
];
const SITE_WRITABLE = [
  'properties.httpsOnly', 'properties.clientCertEnabled', 'properties.clientCertMode', 'properties.clientCertExclusionPaths',
  'properties.enabled', 'properties.publicNetworkAccess', 'properties.endToEndEncryptionEnabled', 'properties.clientAffinityEnabled',
];
const SITE_VALUES = {
  'properties.httpsOnly': boolean,
  'properties.clientCertEnabled': boolean,
  'properties.clientCertMode': oneOf('Required', 'Optional', 'OptionalInteractiveUser'),
  'properties.clientCertExclusionPaths': string,
  'properties.enabled': boolean,
  'properties.publicNetworkAccess': string,
  'properties.endToEndEncryptionEnabled': boolean,
  'properties.clientAffinityEnabled': boolean,
};

const CONFIG_READ_ONLY = ['properties.machineKey'];
const CONFIG_WRITABLE = [
  'properties.minTlsVersion', 'properties.scmMinTlsVersion', 'properties.ftpsState', 'properties.minTlsCipherSuite',
  'properties.http20Enabled', 'properties.alwaysOn', 'properties.remoteDebuggingEnabled', 'properties.webSocketsEnabled',
  'properties.publicNetworkAccess',
];
const CONFIG_VALUES = {
  'properties.minTlsVersion': TLS_VERSIONS,
  'properties.scmMinTlsVersion': TLS_VERSIONS,
  'properties.ftpsState': oneOf('AllAllowed', 'FtpsOnly', 'Disabled'),
  'properties.minTlsCipherSuite': string,
  'properties.http20Enabled': boolean,
  'properties.alwaysOn': boolean,
  'properties.remoteDebuggingEnabled': boolean,
  'properties.webSocketsEnabled': boolean,
  'properties.publicNetworkAccess': string,
};

function siteType(type: string, configType: string): SandboxType {
  return {
    type,
    apiVersions: WEB_API_VERSIONS,
    readOnly: SITE_READ_ONLY,
    writable: SITE_WRITABLE,
    values: SITE_VALUES,
    topLevel: ['identity'],
    normalize: nullConfigOnlyFields,
    defaultChildren: (site) => defaultConfigWeb(site, configType),
  };
}

function configType(type: string): SandboxType {
  return { type, apiVersions: WEB_API_VERSIONS, document: true, readOnly: CONFIG_READ_ONLY, writable: CONFIG_WRITABLE, values: CONFIG_VALUES };
}

/** App Service web, function and API apps, their deployment slots, and each one's config/web. */
export const appServiceKind: SandboxKind = {
  name: 'appservice',
  types: [
    siteType('Microsoft.Web/sites', 'Microsoft.Web/sites/config'),
    siteType('Microsoft.Web/sites/slots', 'Microsoft.Web/sites/slots/config'),
    configType('Microsoft.Web/sites/config'),
    configType('Microsoft.Web/sites/slots/config'),
  ],
};
