// Test-only (see ../fixture-types.ts): built from the REST spec example saved in
// test/fixtures/samples/iothub/2023-06-30/iothub_get.json (IotHubResource_Get, SOURCES.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KindFixtures } from '../fixture-types';
import type { ArmObject, JsonObject } from '../../controls/types';
import { LOCATION, merge, RESOURCE_GROUP, SUBSCRIPTION_ID, type Overrides, type Placement } from '../../../test/fixtures/arm';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';

export const iothubId = (name = 'iot-contoso', p: Placement = {}): string =>
  `/subscriptions/${p.subscriptionId ?? SUBSCRIPTION_ID}/resourceGroups/${p.resourceGroup ?? RESOURCE_GROUP}/providers/Microsoft.Devices/IotHubs/${name}`;

/**
 * iothub_get.json's hub (minTlsVersion "1.2"), re-pointed at our subscription, group and name, with
 * the example's host name following the name; overrides merge into properties.
 */
export function iothub(properties?: Overrides, placement: Placement = {}): ArmObject {
  const example = JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'iothub/2023-06-30/iothub_get.json'), 'utf8')) as { responses?: { '200'?: { body?: ArmObject } } };
  const sample = example.responses?.['200']?.body;
  if (!sample || typeof sample.id !== 'string') throw new Error('iothub_get.json has no 200 response body');
  const name = placement.name ?? 'iot-contoso';
  return {
    ...sample,
    id: iothubId(name, placement),
    name,
    location: placement.location ?? LOCATION,
    tags: placement.tags === undefined ? {} : placement.tags,
    properties: merge({ ...(sample.properties as JsonObject), hostName: `${name}.azure-devices.net` }, properties),
  };
}

/** A hub created without TLS 1.2 enforcement: its GET has no minTlsVersion. */
const drifted = (): ArmObject[] => [iothub({ minTlsVersion: undefined })];

/** Report only: nothing to fix and no enforce case. */
export const fixtures: KindFixtures = {
  resources: drifted,
  fixes: [],
  failsEveryControl: drifted,
  enforceCases: [],
};
