import { defineKind, oneOf, specIn, type WriteFact } from '../facts';

const APPLICATION_GATEWAY_2025_01_01 = 'specification/network/resource-manager/Microsoft.Network/stable/2025-01-01/applicationGateway.json';
const spec = specIn(APPLICATION_GATEWAY_2025_01_01, '2025-01-01');

/** ProtocolsEnum (x-ms-enum ApplicationGatewaySslProtocol) at 2025-01-01. */
export const SSL_PROTOCOLS = ['TLSv1_0', 'TLSv1_1', 'TLSv1_2', 'TLSv1_3'] as const;
/** PolicyNameEnum (x-ms-enum ApplicationGatewaySslPolicyName) at 2025-01-01. */
export const SSL_POLICY_NAMES = ['AppGwSslPolicy20150501', 'AppGwSslPolicy20170401', 'AppGwSslPolicy20170401S', 'AppGwSslPolicy20220101', 'AppGwSslPolicy20220101S'] as const;
/** ApplicationGatewaySslPolicy.policyType's enum (x-ms-enum ApplicationGatewaySslPolicyType) at 2025-01-01. */
export const SSL_POLICY_TYPES = ['Predefined', 'Custom', 'CustomV2'] as const;

/**
 * The only operation that can change a gateway's TLS settings: ApplicationGateways_CreateOrUpdate, a
 * PUT of the whole ApplicationGateway model (every listener, certificate reference, pool, rule),
 * x-ms-long-running-operation with final-state-via azure-async-operation, 200 or 201. Recorded as
 * data so the report-only decision can be checked against it; it is deliberately NOT in the type's
 * facts (no `replace`), so neither the adapter nor the emulator accepts it: appgw-min-tls never
 * writes, and rewriting a live gateway's whole configuration to move one policy is not a minimal fix.
 */
export const FULL_PUT: WriteFact = {
  operation: 'ApplicationGateways_CreateOrUpdate',
  method: 'PUT',
  apiVersion: '2025-01-01',
  responses: [200, 201],
  writable: {
    // ApplicationGatewayPropertiesFormat.sslPolicy (ApplicationGatewaySslPolicy).
    'properties.sslPolicy.policyType': oneOf(...SSL_POLICY_TYPES),
    'properties.sslPolicy.policyName': oneOf(...SSL_POLICY_NAMES),
    'properties.sslPolicy.minProtocolVersion': oneOf(...SSL_PROTOCOLS),
    'properties.sslPolicy.disabledSslProtocols': 'array',
    'properties.sslPolicy.cipherSuites': 'array',
    // ApplicationGatewaySslProfile[] (each with its own sslPolicy), and the rest of the gateway.
    'properties.sslProfiles': 'array',
    properties: 'object',
  },
  topLevel: ['location', 'zones', 'identity'],
  longRunning: { finalStateVia: 'azure-async-operation' },
  spec: spec('ApplicationGateways_CreateOrUpdate'),
};

/**
 * Azure Application Gateways (Microsoft.Network/applicationGateways) at 2025-01-01, read through the
 * @azure/arm-resources client's pipeline (the official @azure/arm-network is not loaded: it is one of
 * the largest management packages and would cost cold start for a single GET).
 *
 * The TLS floor lives in properties.sslPolicy (the gateway's default for every listener) and in
 * properties.sslProfiles[].properties.sslPolicy (per-listener policies). The spec's only PATCH,
 * ApplicationGateways_UpdateTags, takes a TagsObject (tags only, synchronous, 200); the SSL policy
 * can only be changed by the full PUT above. The control is therefore report-only: no write action is
 * asked for, and the update recorded here lets the emulator accept exactly what Azure's PATCH does
 * (tags), nothing else.
 *
 * properties.defaultPredefinedSslPolicy (PolicyNameEnum, readOnly) is "the default predefined SSL
 * Policy applied on the application gateway resource"; the control reads it when sslPolicy is absent.
 */
export const facts = defineKind({
  kind: 'application-gateway',
  types: [
    {
      type: 'Microsoft.Network/applicationGateways',
      read: { operation: 'ApplicationGateways_Get', apiVersion: '2025-01-01', spec: spec('ApplicationGateways_Get') },
      // readOnly in ApplicationGateway, ApplicationGatewayPropertiesFormat and ManagedServiceIdentity
      // (network.json), plus systemData. Sub-resources' own readOnly fields (etag, type,
      // provisioningState of each listener, pool…) live inside arrays and are not listed.
      readOnly: [
        'etag',
        'properties.operationalState',
        'properties.privateEndpointConnections',
        'properties.resourceGuid',
        'properties.provisioningState',
        'properties.defaultPredefinedSslPolicy',
        'identity.principalId',
        'identity.tenantId',
        'systemData',
      ],
      update: {
        operation: 'ApplicationGateways_UpdateTags',
        method: 'PATCH',
        apiVersion: '2025-01-01',
        responses: [200],
        // TagsObject: only `tags`, which is always writable.
        writable: {},
        spec: spec('TagsObject'),
      },
      // Stable Microsoft.Network folders with applicationGateway.json confirmed in the spec repository.
      apiVersions: ['2025-03-01', '2025-01-01', '2024-10-01', '2024-07-01', '2024-05-01'],
    },
  ],
  actions: { read: ['Microsoft.Network/applicationGateways/read'], write: [] },
});
