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

/** apim-gateway-tls reports by default (blast radius): nothing of this kind enforces, so no enforce case. */
export const fixtures: KindFixtures = {
  resources: () => [sampleApimServiceTls10Only()],
  fixes: [],
  failsEveryControl: () => [sampleApimServiceTls10Only()],
  enforceCases: [],
};
