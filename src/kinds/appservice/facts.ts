import { defineKind, oneOf, type PropertyFact, specIn, type TypeFacts, type WriteFact } from '../facts';

const OPENAPI_2025_05_01 = 'specification/web/resource-manager/Microsoft.Web/AppService/stable/2025-05-01/openapi.json';
const spec = specIn(OPENAPI_2025_05_01, '2025-05-01');

/**
 * How these facts were read: the 2025-05-01 openapi.json is a single multi-megabyte TypeSpec output,
 * so the request models were read off @azure/arm-appservice 19.0.0, which is generated from exactly
 * that file: the writable set is what its serializers for SitePatchResourceProperties and SiteConfig
 * write, readOnly is what the deserializers read and the serializers leave out, enums are its Known*
 * values and literal unions, and the statuses are its expectedStatuses. SitePatchResourceProperties
 * has no endToEndEncryptionEnabled at this api-version.
 */

// Microsoft.Web stable api-versions. 2025-05-01 is what @azure/arm-appservice 19 sends.
const WEB_API_VERSIONS = [
  '2025-05-01', '2025-03-01', '2024-11-01', '2024-04-01', '2023-12-01', '2023-01-01', '2022-09-01', '2022-03-01',
  '2021-03-01', '2021-02-01', '2021-01-15', '2021-01-01', '2020-12-01', '2020-10-01', '2020-09-01', '2020-06-01',
  '2019-08-01', '2018-11-01', '2018-02-01', '2016-08-01',
];

const TLS_VERSIONS = oneOf('1.0', '1.1', '1.2', '1.3');

/** SitePatchResourceProperties (WebApps_Update / WebApps_UpdateSlot). */
const SITE_WRITABLE: Readonly<Record<string, PropertyFact>> = {
  'properties.enabled': 'boolean',
  'properties.hostNameSslStates': 'array',
  'properties.serverFarmId': 'string',
  'properties.reserved': 'boolean',
  'properties.isXenon': 'boolean',
  'properties.hyperV': 'boolean',
  'properties.dnsConfiguration': 'object',
  'properties.siteConfig': 'object',
  'properties.scmSiteAlsoStopped': 'boolean',
  'properties.hostingEnvironmentProfile': 'object',
  'properties.clientAffinityEnabled': 'boolean',
  'properties.clientAffinityProxyEnabled': 'boolean',
  'properties.clientCertEnabled': 'boolean',
  'properties.clientCertMode': oneOf('Required', 'Optional', 'OptionalInteractiveUser'),
  'properties.clientCertExclusionPaths': 'string',
  'properties.hostNamesDisabled': 'boolean',
  'properties.customDomainVerificationId': 'string',
  'properties.containerSize': 'integer',
  'properties.dailyMemoryTimeQuota': 'integer',
  'properties.cloningInfo': 'object',
  'properties.httpsOnly': 'boolean',
  'properties.redundancyMode': oneOf('None', 'Manual', 'Failover', 'ActiveActive', 'GeoRedundant'),
  'properties.publicNetworkAccess': 'string',
  'properties.storageAccountRequired': 'boolean',
  'properties.keyVaultReferenceIdentity': 'string',
  'properties.virtualNetworkSubnetId': 'string',
};

/** SiteConfig (WebApps_UpdateConfiguration / WebApps_UpdateConfigurationSlot, body SiteConfigResource). */
const CONFIG_WRITABLE: Readonly<Record<string, PropertyFact>> = {
  'properties.numberOfWorkers': 'integer',
  'properties.defaultDocuments': 'array',
  'properties.netFrameworkVersion': 'string',
  'properties.phpVersion': 'string',
  'properties.pythonVersion': 'string',
  'properties.nodeVersion': 'string',
  'properties.powerShellVersion': 'string',
  'properties.linuxFxVersion': 'string',
  'properties.windowsFxVersion': 'string',
  'properties.requestTracingEnabled': 'boolean',
  'properties.requestTracingExpirationTime': 'string',
  'properties.remoteDebuggingEnabled': 'boolean',
  'properties.remoteDebuggingVersion': 'string',
  'properties.httpLoggingEnabled': 'boolean',
  'properties.acrUseManagedIdentityCreds': 'boolean',
  'properties.acrUserManagedIdentityID': 'string',
  'properties.logsDirectorySizeLimit': 'integer',
  'properties.detailedErrorLoggingEnabled': 'boolean',
  'properties.publishingUsername': 'string',
  'properties.appSettings': 'array',
  'properties.metadata': 'array',
  'properties.connectionStrings': 'array',
  'properties.handlerMappings': 'array',
  'properties.documentRoot': 'string',
  'properties.scmType': oneOf('None', 'Dropbox', 'Tfs', 'LocalGit', 'GitHub', 'CodePlexGit', 'CodePlexHg', 'BitbucketGit', 'BitbucketHg', 'ExternalGit', 'ExternalHg', 'OneDrive', 'VSO', 'VSTSRM'),
  'properties.use32BitWorkerProcess': 'boolean',
  'properties.webSocketsEnabled': 'boolean',
  'properties.alwaysOn': 'boolean',
  'properties.javaVersion': 'string',
  'properties.javaContainer': 'string',
  'properties.javaContainerVersion': 'string',
  'properties.appCommandLine': 'string',
  'properties.managedPipelineMode': oneOf('Integrated', 'Classic'),
  'properties.virtualApplications': 'array',
  'properties.loadBalancing': oneOf('WeightedRoundRobin', 'LeastRequests', 'LeastResponseTime', 'WeightedTotalTraffic', 'RequestHash', 'PerSiteRoundRobin', 'LeastRequestsWithTieBreaker'),
  'properties.experiments': 'object',
  'properties.limits': 'object',
  'properties.autoHealEnabled': 'boolean',
  'properties.autoHealRules': 'object',
  'properties.tracingOptions': 'string',
  'properties.vnetName': 'string',
  'properties.vnetRouteAllEnabled': 'boolean',
  'properties.vnetPrivatePortsCount': 'integer',
  'properties.cors': 'object',
  'properties.push': 'object',
  'properties.apiDefinition': 'object',
  'properties.apiManagementConfig': 'object',
  'properties.autoSwapSlotName': 'string',
  'properties.localMySqlEnabled': 'boolean',
  'properties.managedServiceIdentityId': 'integer',
  'properties.xManagedServiceIdentityId': 'integer',
  'properties.keyVaultReferenceIdentity': 'string',
  'properties.ipSecurityRestrictions': 'array',
  'properties.ipSecurityRestrictionsDefaultAction': oneOf('Allow', 'Deny'),
  'properties.scmIpSecurityRestrictions': 'array',
  'properties.scmIpSecurityRestrictionsDefaultAction': oneOf('Allow', 'Deny'),
  'properties.scmIpSecurityRestrictionsUseMain': 'boolean',
  'properties.http20Enabled': 'boolean',
  'properties.http20ProxyFlag': 'integer',
  'properties.minTlsVersion': TLS_VERSIONS,
  'properties.minTlsCipherSuite': oneOf(
    'TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256',
    'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
    'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
    'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'TLS_RSA_WITH_AES_128_GCM_SHA256', 'TLS_RSA_WITH_AES_256_CBC_SHA256',
    'TLS_RSA_WITH_AES_128_CBC_SHA256', 'TLS_RSA_WITH_AES_256_CBC_SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA',
  ),
  'properties.scmMinTlsVersion': TLS_VERSIONS,
  'properties.ftpsState': oneOf('AllAllowed', 'FtpsOnly', 'Disabled'),
  'properties.preWarmedInstanceCount': 'integer',
  'properties.functionAppScaleLimit': 'integer',
  'properties.elasticWebAppScaleLimit': 'integer',
  'properties.healthCheckPath': 'string',
  'properties.functionsRuntimeScaleMonitoringEnabled': 'boolean',
  'properties.websiteTimeZone': 'string',
  'properties.minimumElasticInstanceCount': 'integer',
  'properties.azureStorageAccounts': 'object',
  'properties.publicNetworkAccess': 'string',
};

/** readOnly in SiteProperties (deserialized, never serialized). */
const SITE_READ_ONLY = [
  'properties.state', 'properties.hostNames', 'properties.repositorySiteName', 'properties.usageState',
  'properties.enabledHostNames', 'properties.availabilityState', 'properties.lastModifiedTimeUtc',
  'properties.trafficManagerHostNames', 'properties.targetSwapSlot', 'properties.outboundIpAddresses',
  'properties.possibleOutboundIpAddresses', 'properties.suspendedTill', 'properties.maxNumberOfWorkers',
  'properties.resourceGroup', 'properties.isDefaultContainer', 'properties.defaultHostName',
  'properties.slotSwapStatus', 'properties.inProgressOperationId', 'properties.sku', 'systemData',
];

function siteUpdate(operation: string): WriteFact {
  // Not long-running: a 202 carries no monitor the SDK follows (the adapter reads the site back).
  return { operation, method: 'PATCH', apiVersion: '2025-05-01', responses: [200, 202], writable: SITE_WRITABLE, topLevel: ['identity', 'kind'], spec: spec('SitePatchResource') };
}

function configUpdate(operation: string): WriteFact {
  return { operation, method: 'PATCH', apiVersion: '2025-05-01', responses: [200], writable: CONFIG_WRITABLE, spec: spec('SiteConfigResource') };
}

function site(type: string, get: string, update: string): TypeFacts {
  return { type, read: { operation: get, apiVersion: '2025-05-01', spec: spec(get) }, readOnly: SITE_READ_ONLY, update: siteUpdate(update), apiVersions: WEB_API_VERSIONS };
}

function config(type: string, get: string, update: string): TypeFacts {
  return {
    type,
    document: true,
    read: { operation: get, apiVersion: '2025-05-01', spec: spec(get) },
    // readOnly in SiteConfig.
    readOnly: ['properties.machineKey', 'systemData'],
    update: configUpdate(update),
    apiVersions: WEB_API_VERSIONS,
  };
}

/** The name of the Easy Auth (App Service Authentication) V2 document, as the spec's paths spell it. */
export const AUTH_SETTINGS_V2 = 'authsettingsV2';

/**
 * SiteAuthSettingsV2Properties (2025-05-01): every property is writable, none readOnly. The five
 * sections are written back as read (object); only httpSettings is spelled out, since
 * appservice-auth-require-https changes its requireHttps and nothing else. HttpSettings: requireHttps
 * (boolean), routes (HttpSettingsRoutes: apiPrefix), forwardProxy (ForwardProxy: convention
 * ForwardProxyConvention NoProxy | Standard | Custom, customHostHeaderName, customProtoHeaderName).
 */
const AUTH_SETTINGS_V2_WRITABLE: Readonly<Record<string, PropertyFact>> = {
  'properties.platform': 'object',
  'properties.globalValidation': 'object',
  'properties.identityProviders': 'object',
  'properties.login': 'object',
  'properties.httpSettings.requireHttps': 'boolean',
  'properties.httpSettings.routes': 'object',
  'properties.httpSettings.forwardProxy.convention': oneOf('NoProxy', 'Standard', 'Custom'),
  'properties.httpSettings.forwardProxy.customHostHeaderName': 'string',
  'properties.httpSettings.forwardProxy.customProtoHeaderName': 'string',
};

/**
 * config/authsettingsV2 of a site or slot. The spec has three operations on it: GET
 * `…/config/authsettingsV2` (WebApps_GetAuthSettingsV2WithoutSecrets[Slot]), GET
 * `…/config/authsettingsV2/list` (WebApps_GetAuthSettingsV2[Slot], which ARM authorises with
 * Microsoft.Web/sites/config/list/action, the action that also reveals app settings and connection
 * strings) and PUT `…/config/authsettingsV2` (WebApps_UpdateAuthSettingsV2[Slot], body
 * SiteAuthSettingsV2). There is no PATCH: the only write is a PUT of the whole document, so the
 * facts name it as the replace and no update. The PUT is synchronous (no
 * x-ms-long-running-operation; @azure/arm-appservice 19 expects 200 only). SiteAuthSettingsV2 is a
 * ProxyOnlyResource: id, name, type (readOnly) and kind, no etag, so no If-Match is possible.
 * transit-warden reads the document without secrets: the V2 model holds secret setting *names*
 * (clientSecretSettingName and the like, shown in the example), never secret values, and reading it
 * needs only config/read.
 */
function authSettingsV2(type: string, get: string, put: string): TypeFacts {
  return {
    type,
    document: true,
    name: AUTH_SETTINGS_V2,
    read: { operation: get, apiVersion: '2025-05-01', spec: spec(get) },
    readOnly: ['systemData'],
    replace: {
      operation: put,
      method: 'PUT',
      apiVersion: '2025-05-01',
      responses: [200],
      writable: AUTH_SETTINGS_V2_WRITABLE,
      topLevel: ['kind'],
      spec: spec('SiteAuthSettingsV2'),
    },
    apiVersions: WEB_API_VERSIONS,
  };
}

/** App Service web, function and API apps, their deployment slots, and each one's config/web and config/authsettingsV2. */
export const facts = defineKind({
  kind: 'appservice',
  types: [
    site('Microsoft.Web/sites', 'WebApps_Get', 'WebApps_Update'),
    site('Microsoft.Web/sites/slots', 'WebApps_GetSlot', 'WebApps_UpdateSlot'),
    config('Microsoft.Web/sites/config', 'WebApps_GetConfiguration', 'WebApps_UpdateConfiguration'),
    config('Microsoft.Web/sites/slots/config', 'WebApps_GetConfigurationSlot', 'WebApps_UpdateConfigurationSlot'),
    authSettingsV2('Microsoft.Web/sites/config', 'WebApps_GetAuthSettingsV2WithoutSecrets', 'WebApps_UpdateAuthSettingsV2'),
    authSettingsV2('Microsoft.Web/sites/slots/config', 'WebApps_GetAuthSettingsV2WithoutSecretsSlot', 'WebApps_UpdateAuthSettingsV2Slot'),
  ],
  actions: {
    read: ['Microsoft.Web/sites/read', 'Microsoft.Web/sites/slots/read', 'Microsoft.Web/sites/config/read', 'Microsoft.Web/sites/slots/config/read'],
    write: ['Microsoft.Web/sites/write', 'Microsoft.Web/sites/slots/write', 'Microsoft.Web/sites/config/write', 'Microsoft.Web/sites/slots/config/write'],
  },
});
