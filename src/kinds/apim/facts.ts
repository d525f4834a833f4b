import { arrayOf, defineKind, oneOf, specIn } from '../facts';

const DEPLOYMENT_2024_05_01 = 'specification/apimanagement/resource-manager/Microsoft.ApiManagement/stable/2024-05-01/apimdeployment.json';
const spec = specIn(DEPLOYMENT_2024_05_01, '2024-05-01');
const APIS_2024_05_01 = 'specification/apimanagement/resource-manager/Microsoft.ApiManagement/stable/2024-05-01/apimapis.json';
const apisSpec = specIn(APIS_2024_05_01, '2024-05-01');

/**
 * The values of ApiEntityBaseContract.protocols' items at 2024-05-01 (definitions.json, enum
 * Protocol, modelAsString): "Describes on which protocols the operations in this API can be invoked."
 */
export const API_PROTOCOLS = ['http', 'https', 'ws', 'wss'] as const;

/**
 * The customProperties keys that switch the gateway's old protocols, on the client side (frontend)
 * and towards backends. Named in ApiManagementServiceBaseProperties.customProperties' description
 * (Tls10, Tls11 and their Backend twins) and, with Ssl30, in the ApiManagementServiceGetService
 * example (2024-05-01), whose values are the strings "false"/"False": "false" disables the protocol.
 */
export const GATEWAY_PROTOCOL_SETTINGS = [
  'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10',
  'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls11',
  'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Ssl30',
  'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Tls10',
  'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Tls11',
  'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Backend.Protocols.Ssl30',
] as const;

/**
 * API Management services at 2024-05-01, the api-version @azure/arm-apimanagement 10.0.0 sends.
 *
 * ApiManagementService_Update is a PATCH of ApiManagementServiceUpdateParameters (sku, identity,
 * zones, properties: ApiManagementServiceUpdateProperties = publisherEmail/Name plus
 * ApiManagementServiceBaseProperties). customProperties is a string map whose description says: "Not
 * specifying any of these properties on PATCH operation will reset omitted properties' values to
 * their defaults" — the provider replaces the map, it does not merge it, so a write of it must carry
 * the whole map as just read with only the wanted keys changed (the adapter does this, the emulator
 * replaces the map the same way).
 *
 * The PATCH is x-ms-long-running-operation without options (responses 200, 202 with Location). The
 * ApiManagementUpdateServiceDisableTls10 example's 202 sends Location and Azure-AsyncOperation both
 * as `{service}/operationresults/{id}?api-version=…&asyncResponse`: a monitor under the service
 * itself, which ARM authorises as Microsoft.ApiManagement/service/operationresults/read.
 */
export const facts = defineKind({
  kind: 'apim',
  types: [
    {
      type: 'Microsoft.ApiManagement/service',
      read: { operation: 'ApiManagementService_Get', apiVersion: '2024-05-01', spec: spec('ApiManagementService_Get') },
      // readOnly in ApiManagementServiceResource / ApiManagementServiceBaseProperties / VirtualNetworkConfiguration.
      readOnly: [
        'etag', 'systemData',
        'properties.provisioningState', 'properties.targetProvisioningState', 'properties.createdAtUtc', 'properties.gatewayUrl',
        'properties.gatewayRegionalUrl', 'properties.portalUrl', 'properties.managementApiUrl', 'properties.scmUrl',
        'properties.developerPortalUrl', 'properties.publicIPAddresses', 'properties.privateIPAddresses',
        'properties.outboundPublicIPAddresses', 'properties.platformVersion',
        'properties.virtualNetworkConfiguration.vnetid', 'properties.virtualNetworkConfiguration.subnetname',
      ],
      update: {
        operation: 'ApiManagementService_Update',
        method: 'PATCH',
        apiVersion: '2024-05-01',
        responses: [200, 202],
        // ApiManagementServiceUpdateProperties less readOnly.
        writable: {
          'properties.publisherEmail': 'string',
          'properties.publisherName': 'string',
          'properties.notificationSenderEmail': 'string',
          'properties.hostnameConfigurations': 'array',
          'properties.publicIpAddressId': 'string',
          'properties.publicNetworkAccess': oneOf('Enabled', 'Disabled'),
          'properties.configurationApi.legacyApi': oneOf('Enabled', 'Disabled'),
          'properties.virtualNetworkConfiguration.subnetResourceId': 'string',
          'properties.additionalLocations': 'array',
          // additionalProperties: string; replaced whole by the provider (see above).
          'properties.customProperties': 'object',
          'properties.certificates': 'array',
          'properties.enableClientCertificate': 'boolean',
          'properties.natGatewayState': oneOf('Enabled', 'Disabled'),
          'properties.disableGateway': 'boolean',
          'properties.virtualNetworkType': oneOf('None', 'External', 'Internal'),
          'properties.apiVersionConstraint.minApiVersion': 'string',
          'properties.restore': 'boolean',
          'properties.privateEndpointConnections': 'array',
          'properties.legacyPortalStatus': oneOf('Enabled', 'Disabled'),
          'properties.developerPortalStatus': oneOf('Enabled', 'Disabled'),
        },
        topLevel: ['sku', 'identity', 'zones'],
        longRunning: {
          finalStateVia: 'unspecified',
          // ApiManagementUpdateServiceDisableTls10.json's 202 headers (the status monitor is served; its
          // Location twin is the same URL).
          monitor: { status: 'operationresults', statusAt: 'resource' },
        },
        spec: spec('ApiManagementServiceUpdateParameters'),
      },
      // Stable spec folders checked to hold apimdeployment.json (previews and older ones not listed: the emulator is stricter, never laxer).
      apiVersions: ['2024-05-01', '2022-08-01', '2021-08-01'],
    },
    /**
     * An API of a service, Microsoft.ApiManagement/service/apis (apimapis.json, 2024-05-01; the
     * models are in definitions.json of the same folder; @azure/arm-apimanagement 10.0.0 sends this
     * api-version for `api.get/update/listByService`):
     *
     * - Api_Get: GET …/service/{serviceName}/apis/{apiId}, 200 ApiContract with the entity's ETag in a
     *   response *header* ("Current entity state version … used to make conditional HTTP requests");
     *   the body (ProxyResource) carries no etag. {apiId} is ApiIdRevParameter: "API revision
     *   identifier … Non-current revision has ;rev=n as a suffix where n is the revision number", so
     *   `apis/echo-api;rev=2` is a resource of its own (example ApiManagementGetApiRevision.json).
     * - Api_Update: PATCH of ApiUpdateContract (properties: ApiContractUpdateProperties), with
     *   IfMatchRequiredParameter ("ETag of the Entity. ETag should match the current entity state
     *   from the header response of the GET request or it should be * for unconditional update",
     *   required: true); responses 200 ApiContract with ETag header; not long-running.
     * - Api_ListByService: GET …/service/{serviceName}/apis, 200 ApiCollection, x-ms-pageable with
     *   nextLink; $filter may select isCurrent (eq, ne). Its example (ApiManagementListApis.json)
     *   lists only current revisions (isCurrent true, ids without ;rev=): the spec does not say that
     *   non-current revisions are left out, but nothing shows them listed, so a list sweep is not
     *   relied on to find them (ApiRevision_ListByService, …/apis/{apiId}/revisions, is not called).
     *   Write events on …/apis/{apiId};rev={n} do reach them.
     * - ApiManagementUpdateApi.json sends If-Match "*"; transit-warden never does (see the adapter).
     *
     * properties.protocols is an array of Protocol (http, https, ws, wss: API_PROTOCOLS);
     * properties.type (ApiType: http, soap, websocket, graphql, odata, grpc) is writable too, but a
     * fix never sends it. The spec does not say that protocols are ignored for any type: the
     * ApiManagementCreateWebsocketApi example (a websocket API) sends protocols ["wss", "ws"] and
     * answers ["ws", "wss"], so protocols do apply to websocket APIs.
     * Resource Graph's `resources` table lists microsoft.apimanagement/gateways and
     * microsoft.apimanagement/service, and no microsoft.apimanagement/service/apis (MicrosoftDocs/azure-docs,
     * articles/governance/resource-graph/reference/supported-tables-resources.md, read at commit 00ec1e2f),
     * so sweeps list APIs by ARM calls (src/kinds/apim/lister.ts).
     */
    {
      type: 'Microsoft.ApiManagement/service/apis',
      absentFromResourceGraph: 'MicrosoftDocs/azure-docs articles/governance/resource-graph/reference/supported-tables-resources.md (resources table: microsoft.apimanagement/gateways and …/service, no …/service/apis)',
      read: { operation: 'Api_Get', apiVersion: '2024-05-01', spec: apisSpec('Api_Get'), etag: 'header' },
      // readOnly in ApiContractProperties / ApiEntityBaseContract (definitions.json).
      readOnly: ['systemData', 'properties.isOnline', 'properties.provisioningState'],
      update: {
        operation: 'Api_Update',
        method: 'PATCH',
        apiVersion: '2024-05-01',
        responses: [200],
        ifMatch: 'required',
        // ApiContractUpdateProperties (ApiEntityBaseContract plus displayName, serviceUrl, path, protocols) less readOnly.
        writable: {
          'properties.description': 'string',
          'properties.authenticationSettings': 'object',
          'properties.subscriptionKeyParameterNames': 'object',
          'properties.type': oneOf('http', 'soap', 'websocket', 'graphql', 'odata', 'grpc'),
          'properties.apiRevision': 'string',
          'properties.apiVersion': 'string',
          'properties.isCurrent': 'boolean',
          'properties.apiRevisionDescription': 'string',
          'properties.apiVersionDescription': 'string',
          'properties.apiVersionSetId': 'string',
          'properties.subscriptionRequired': 'boolean',
          'properties.termsOfServiceUrl': 'string',
          'properties.contact': 'object',
          'properties.license': 'object',
          'properties.displayName': 'string',
          'properties.serviceUrl': 'string',
          'properties.path': 'string',
          // items: Protocol enum.
          'properties.protocols': arrayOf(...API_PROTOCOLS),
        },
        spec: apisSpec('ApiUpdateContract'),
      },
      apiVersions: ['2024-05-01', '2022-08-01', '2021-08-01'],
    },
  ],
  actions: {
    read: ['Microsoft.ApiManagement/service/read', 'Microsoft.ApiManagement/service/apis/read'],
    write: ['Microsoft.ApiManagement/service/write', 'Microsoft.ApiManagement/service/apis/write'],
    other: ['Microsoft.ApiManagement/service/operationresults/read'],
  },
});
