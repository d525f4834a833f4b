import { defineKind, oneOf, specIn } from '../facts';

const APP_2026_07_01 = 'specification/app/resource-manager/Microsoft.App/ContainerApps/stable/2026-07-01/openapi.json';
const spec = specIn(APP_2026_07_01, '2026-07-01');

/**
 * Azure Container Apps at 2026-07-01 (the default api-version of @azure/arm-appcontainers 4.0.0, a
 * stable TypeSpec-generated spec). ContainerApps_Update ("Patches a Container App using JSON Merge
 * Patch") takes the whole ContainerApp model as its body: a TrackedResource, so `location` is a
 * required field of the request model; the spec's ContainerApps_Patch.json example sends it. With
 * merge-patch semantics `configuration.ingress` is merged key by key (Ingress has no required
 * field), so a body naming only `ingress.allowInsecure` leaves targetPort, traffic, customDomains,
 * ipSecurityRestrictions… alone; arrays would be replaced whole, which is why none is writable here.
 */
export const facts = defineKind({
  kind: 'containerapp',
  types: [
    {
      type: 'Microsoft.App/containerApps',
      read: { operation: 'ContainerApps_Get', apiVersion: '2026-07-01', spec: spec('ContainerApps_Get') },
      // readOnly in ContainerAppProperties and Ingress (fqdn).
      readOnly: [
        'properties.provisioningState', 'properties.runningStatus', 'properties.latestRevisionName',
        'properties.latestReadyRevisionName', 'properties.latestRevisionFqdn', 'properties.customDomainVerificationId',
        'properties.outboundIpAddresses', 'properties.eventStreamEndpoint', 'properties.configuration.ingress.fqdn',
        'systemData',
      ],
      update: {
        operation: 'ContainerApps_Update',
        method: 'PATCH',
        apiVersion: '2026-07-01',
        responses: [200, 202],
        // Configuration and Ingress (ContainerAppProperties.configuration). managedEnvironmentId and
        // environmentId are x-ms-mutability read/create, so not writable by an update. Only the
        // scalar ingress fields are listed one by one; the others are containers of their own models.
        writable: {
          'properties.workloadProfileName': 'string',
          'properties.template': 'object',
          'properties.configuration.secrets': 'array',
          'properties.configuration.activeRevisionsMode': oneOf('Multiple', 'Single'),
          'properties.configuration.registries': 'array',
          'properties.configuration.dapr': 'object',
          'properties.configuration.runtime': 'object',
          'properties.configuration.maxInactiveRevisions': 'integer',
          'properties.configuration.service': 'object',
          'properties.configuration.identitySettings': 'array',
          'properties.configuration.ingress.external': 'boolean',
          'properties.configuration.ingress.targetPort': 'integer',
          'properties.configuration.ingress.exposedPort': 'integer',
          'properties.configuration.ingress.transport': oneOf('auto', 'http', 'http2', 'tcp'),
          'properties.configuration.ingress.traffic': 'array',
          'properties.configuration.ingress.customDomains': 'array',
          'properties.configuration.ingress.allowInsecure': 'boolean',
          'properties.configuration.ingress.ipSecurityRestrictions': 'array',
          'properties.configuration.ingress.stickySessions': 'object',
          'properties.configuration.ingress.clientCertificateMode': oneOf('ignore', 'accept', 'require'),
          'properties.configuration.ingress.corsPolicy': 'object',
          'properties.configuration.ingress.additionalPortMappings': 'array',
        },
        // TrackedResource's location (required in the model: the adapter sends the app's own) and
        // ContainerApp's identity, extendedLocation and managedBy.
        topLevel: ['location', 'identity', 'extendedLocation', 'managedBy'],
        required: ['location'],
        longRunning: {
          // The spec: x-ms-long-running-operation-options final-state-via location, final-state-schema
          // ContainerApp; the 202 declares Location and Retry-After headers.
          finalStateVia: 'location',
          // The spec's ContainerApps_Patch.json example answers 202 with only an azure-asyncoperation
          // header, …/providers/Microsoft.App/locations/eastus/containerappOperationResults/{id}; no
          // recording of a real PATCH was found, so the emulator serves exactly that monitor and the
          // client re-reads the app (the original URI) when it reports Succeeded.
          monitor: { status: 'containerappOperationResults' },
        },
        spec: spec('ContainerApps_Update'),
      },
      // Microsoft.App api-versions seen in the spec folders (ContainerApps/stable, /preview and the older flat layout).
      apiVersions: ['2026-07-01', '2025-10-02-preview', '2022-03-01', '2022-01-01-preview'],
    },
  ],
  actions: {
    read: ['Microsoft.App/containerApps/read'],
    write: ['Microsoft.App/containerApps/write'],
    // The status monitor of ContainerApps_Update ("Get a Container App Long Running Operation Result").
    other: ['Microsoft.App/locations/containerappOperationResults/read'],
  },
});
