import { defineKind, oneOf, specIn } from '../facts';

const AFDX_2023_05_01 = 'specification/cdn/resource-manager/Microsoft.Cdn/stable/2023-05-01/afdx.json';
const CDN_2023_05_01 = 'specification/cdn/resource-manager/Microsoft.Cdn/stable/2023-05-01/cdn.json';
const afdx = specIn(AFDX_2023_05_01, '2023-05-01');
const cdn = specIn(CDN_2023_05_01, '2023-05-01');

/**
 * api-versions of the Microsoft.Cdn spec folders confirmed in Azure/azure-rest-api-specs (stable, and
 * the one preview checked). Front Door Standard/Premium custom domains exist from 2020-09-01 (afdx.json).
 */
const AFD_API_VERSIONS = ['2025-06-01', '2025-04-15', '2024-09-01', '2024-02-01', '2023-05-01', '2022-11-01-preview', '2021-06-01', '2020-09-01'];
const CDN_API_VERSIONS = [...AFD_API_VERSIONS, '2017-10-12', '2017-04-02', '2016-10-02', '2016-04-02', '2015-06-01'];

/**
 * Azure Front Door Standard/Premium and classic CDN profiles, their custom domains and endpoints, at 2023-05-01 (what
 * @azure/arm-cdn 9.0.0 sends). A custom domain is a child resource of its profile (`profiles/customDomains`,
 * type `Microsoft.Cdn/profiles/customdomains` on the wire) with its own PATCH.
 *
 * AFDCustomDomains_Update's body is AFDDomainUpdateParameters: properties.tlsSettings
 * (AFDDomainHttpsParameters), azureDnsZone and preValidatedCustomDomainResourceId. tlsSettings
 * `required: ["certificateType"]`, so a PATCH that names tlsSettings must carry the whole object
 * (certificateType, minimumTlsVersion, secret) — the control sends it as read with only
 * minimumTlsVersion changed. AfdMinimumTlsVersion is `TLS10 | TLS12` at this api-version
 * (modelAsString: false); later api-versions add TLS13, which a GET may report and the control accepts.
 *
 * The update is x-ms-long-running-operation with final-state-via azure-async-operation (200, 202).
 * Microsoft.Cdn's monitor is `…/resourcegroups/{rg}/providers/Microsoft.Cdn/operationresults/{id}`
 * (the 202 of AFDCustomDomains_Update.json at 2023-05-01, and Profiles_Update.json), no locations segment;
 * ARM authorises its GET as Microsoft.Cdn/operationresults/read. The SDK's poller follows it, then
 * GETs the domain (PATCH: the original URI).
 *
 * A classic CDN endpoint (`profiles/endpoints`, cdn.json) has its own PATCH, Endpoints_Update, whose body
 * EndpointUpdateParameters carries isHttpAllowed and isHttpsAllowed (booleans, default true; "at least
 * one protocol must be allowed", a rule the spec states only in prose).
 */
export const facts = defineKind({
  kind: 'cdn',
  types: [
    {
      type: 'Microsoft.Cdn/profiles',
      read: { operation: 'Profiles_Get', apiVersion: '2023-05-01', spec: cdn('Profiles_Get') },
      // readOnly in ProfileProperties and ProxyResource/TrackedResource (Profiles_Update.json 200 body).
      readOnly: ['properties.provisioningState', 'properties.resourceState', 'properties.frontDoorId', 'systemData'],
      // No control writes a profile: the emulator accepts no property writes to it.
      apiVersions: CDN_API_VERSIONS,
    },
    {
      type: 'Microsoft.Cdn/profiles/customDomains',
      read: { operation: 'AFDCustomDomains_Get', apiVersion: '2023-05-01', spec: afdx('AFDCustomDomains_Get') },
      // readOnly in AFDDomainProperties, AFDDomainUpdatePropertiesParameters, AFDStateProperties and ProxyResource.
      readOnly: [
        'properties.profileName', 'properties.domainValidationState', 'properties.validationProperties',
        'properties.provisioningState', 'properties.deploymentStatus', 'systemData',
      ],
      update: {
        operation: 'AFDCustomDomains_Update',
        method: 'PATCH',
        apiVersion: '2023-05-01',
        responses: [200, 202],
        // AFDDomainUpdatePropertiesParameters less readOnly profileName.
        writable: {
          'properties.tlsSettings.certificateType': oneOf('CustomerCertificate', 'ManagedCertificate', 'AzureFirstPartyManagedCertificate'),
          'properties.tlsSettings.minimumTlsVersion': oneOf('TLS10', 'TLS12'),
          'properties.tlsSettings.secret.id': 'string',
          'properties.azureDnsZone.id': 'string',
          'properties.preValidatedCustomDomainResourceId.id': 'string',
        },
        longRunning: {
          finalStateVia: 'azure-async-operation',
          monitor: { status: 'operationresults', scope: 'resourceGroup', under: 'provider' },
        },
        spec: afdx('AFDDomainUpdateParameters'),
      },
      apiVersions: AFD_API_VERSIONS,
    },
    {
      type: 'Microsoft.Cdn/profiles/endpoints',
      read: { operation: 'Endpoints_Get', apiVersion: '2023-05-01', spec: cdn('Endpoints_Get') },
      // readOnly in EndpointProperties and TrackedResource.
      readOnly: ['properties.hostName', 'properties.customDomains', 'properties.resourceState', 'properties.provisioningState', 'systemData'],
      update: {
        operation: 'Endpoints_Update',
        method: 'PATCH',
        apiVersion: '2023-05-01',
        responses: [200, 202],
        // EndpointUpdateParameters: tags and properties (EndpointPropertiesUpdateParameters). origins and
        // originGroups are in EndpointProperties only: not writable by this PATCH. The enums of
        // QueryStringCachingBehavior and OptimizationType as @azure/arm-cdn 9.0.0 generated them from this file.
        writable: {
          'properties.originPath': 'string',
          'properties.contentTypesToCompress': 'array',
          'properties.originHostHeader': 'string',
          'properties.isCompressionEnabled': 'boolean',
          'properties.isHttpAllowed': 'boolean',
          'properties.isHttpsAllowed': 'boolean',
          'properties.queryStringCachingBehavior': oneOf('IgnoreQueryString', 'BypassCaching', 'UseQueryString', 'NotSet'),
          'properties.optimizationType': oneOf('GeneralWebDelivery', 'GeneralMediaStreaming', 'VideoOnDemandMediaStreaming', 'LargeFileDownload', 'DynamicSiteAcceleration'),
          'properties.probePath': 'string',
          'properties.geoFilters': 'array',
          'properties.defaultOriginGroup.id': 'string',
          'properties.urlSigningKeys': 'array',
          'properties.deliveryPolicy': 'object',
          'properties.webApplicationFirewallPolicyLink.id': 'string',
        },
        longRunning: {
          // x-ms-long-running-operation without options: the SDK follows Azure-AsyncOperation, then GETs
          // the endpoint. The monitor is Microsoft.Cdn's operationresults (azure-sdk-for-js arm-cdn recordings).
          finalStateVia: 'unspecified',
          monitor: { status: 'operationresults', scope: 'resourceGroup', under: 'provider' },
        },
        spec: cdn('EndpointUpdateParameters'),
      },
      apiVersions: CDN_API_VERSIONS,
    },
  ],
  actions: {
    read: ['Microsoft.Cdn/profiles/customDomains/read', 'Microsoft.Cdn/profiles/endpoints/read', 'Microsoft.Cdn/profiles/read'],
    write: ['Microsoft.Cdn/profiles/customDomains/write', 'Microsoft.Cdn/profiles/endpoints/write'],
    other: ['Microsoft.Cdn/operationresults/read'],
  },
});
