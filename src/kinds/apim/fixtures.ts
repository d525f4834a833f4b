// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArmObject, JsonObject } from '../../controls/types';
import type { KindFixtures } from '../fixture-types';
import { RESOURCE_GROUP, SUBSCRIPTION_ID } from '../../../test/fixtures/arm';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';

/** The 200 body of an ApiManagement x-ms-examples file (2024-05-01). */
function example(file: string): ArmObject {
  const parsed = JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'apim', '2024-05-01', file), 'utf8')) as { responses: { '200': { body: ArmObject } } };
  return structuredClone(parsed.responses['200'].body);
}

export function apimServiceId(name = 'apim-contoso'): string {
  return `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.ApiManagement/service/${name}`;
}

/** Moves an example's service into the test subscription and group under `name`. */
function placed(service: ArmObject, name: string): ArmObject {
  return { ...service, id: apimServiceId(name), name };
}

/**
 * ApiManagementServiceGetService.json: a Premium service (created 2021) whose customProperties turn
 * every old protocol off ("false"), beside TripleDes168 and Http2 settings the fix must keep.
 */
export const sampleApimService = (): ArmObject => placed(example('ApiManagementServiceGetService.json'), 'apim-contoso');

/**
 * ApiManagementUpdateServiceDisableTls10.json's response: a Standard service created 2017-06-29 with
 * only Tls10 "False". Every other setting is absent, and for a service created before April 2018 the
 * spec's default is "True": TLS 1.1, SSL 3.0 and the backend protocols are still on.
 */
export const sampleApimServiceTls10Only = (): ArmObject => placed(example('ApiManagementUpdateServiceDisableTls10.json'), 'apim-contoso');

/** The GET example with its customProperties replaced (a key set to undefined is removed). */
export function apimService(customProperties: Record<string, string | undefined>, overrides: { sku?: string; createdAtUtc?: string } = {}): ArmObject {
  const service = sampleApimService();
  const properties = service.properties as JsonObject;
  const map = { ...(properties.customProperties as JsonObject) };
  for (const [key, value] of Object.entries(customProperties)) {
    if (value === undefined) delete map[key];
    else map[key] = value;
  }
  properties.customProperties = map;
  if (overrides.createdAtUtc !== undefined) properties.createdAtUtc = overrides.createdAtUtc;
  if (overrides.sku !== undefined) service.sku = { name: overrides.sku, capacity: overrides.sku === 'Consumption' ? 0 : 1 };
  return service;
}

export function apimApiId(apiId = 'echo-api', service = 'apim-contoso'): string {
  return `${apimServiceId(service)}/apis/${apiId}`;
}

/**
 * An API as Api_Get answers it: the body of ApiManagementGetApiContract.json (apimapis.json
 * examples, 2024-05-01; a soap API with protocols ["https"], isCurrent true), placed in the test
 * service under `apiId`, with `protocols` and `type` replaced where given (undefined removes them).
 * The ETag is a header of the GET, not part of the body.
 */
export function apimApi(protocols: readonly string[] | undefined, options: { apiId?: string; type?: string | null; isCurrent?: boolean } = {}): ArmObject {
  const apiId = options.apiId ?? 'echo-api';
  const properties: JsonObject = {
    displayName: 'Service',
    apiRevision: '1',
    serviceUrl: 'https://api.plexonline.com/DataSource/Service.asmx',
    path: 'schulte',
    protocols: ['https'],
    authenticationSettings: {
      oAuth2: { authorizationServerId: 'authorizationServerId2283', scope: 'oauth2scope2580' },
      oAuth2AuthenticationSettings: [
        { authorizationServerId: 'authorizationServerId2283', scope: 'oauth2scope2580' },
        { authorizationServerId: 'authorizationServerId2284', scope: 'oauth2scope2581' },
      ],
    },
    subscriptionKeyParameterNames: { header: 'Ocp-Apim-Subscription-Key', query: 'subscription-key' },
    type: 'soap',
    isCurrent: true,
    isOnline: true,
  };
  if (protocols === undefined) delete properties.protocols;
  else properties.protocols = [...protocols];
  if (options.type === null) delete properties.type;
  else if (options.type !== undefined) properties.type = options.type;
  if (options.isCurrent !== undefined) properties.isCurrent = options.isCurrent;
  return { id: apimApiId(apiId), type: 'Microsoft.ApiManagement/service/apis', name: apiId, properties };
}

/** apim-gateway-tls reports by default (blast radius); apim-api-https-only enforces. */
export const fixtures: KindFixtures = {
  resources: () => [sampleApimServiceTls10Only(), apimApi(['http', 'https'])],
  fixes: ['apim-api-https-only'],
  failsEveryControl: () => [sampleApimServiceTls10Only(), apimApi(['http', 'https'])],
  enforceCases: [
    {
      control: 'apim-api-https-only',
      estate: () => [sampleApimService(), apimApi(['http', 'https'], { apiId: 'echo-http' })],
      resourceId: apimApiId('echo-http'),
      target: 'self',
      patch: { properties: { protocols: ['https'] } },
      documentId: apimApiId('echo-http'),
    },
  ],
};
