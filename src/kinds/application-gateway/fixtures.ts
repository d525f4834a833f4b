// Test-only (see ../fixture-types.ts): built from the REST spec example saved in
// test/fixtures/samples/application-gateway/2025-01-01 (SOURCES.md): ApplicationGatewayUpdateTags.json,
// whose 200 body is a whole gateway (Standard_Small, one HTTP listener, no sslPolicy).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KindFixtures } from '../fixture-types';
import type { ArmObject, JsonObject } from '../../controls/types';
import { LOCATION, merge, RESOURCE_GROUP, SUBSCRIPTION_ID, type Overrides, type Placement } from '../../../test/fixtures/arm';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';

const SAMPLE = 'application-gateway/2025-01-01/ApplicationGatewayUpdateTags.json';

/** The example's 200 body as saved. */
export function applicationGatewayExample(): ArmObject {
  const example = JSON.parse(readFileSync(path.join(SAMPLES_DIR, SAMPLE), 'utf8')) as { responses?: { '200'?: { body?: ArmObject } } };
  const body = example.responses?.['200']?.body;
  if (!body || typeof body.id !== 'string') throw new Error(`${SAMPLE} has no 200 response body`);
  return body;
}

export const applicationGatewayId = (name = 'agw-contoso', p: Placement = {}): string =>
  `/subscriptions/${p.subscriptionId ?? SUBSCRIPTION_ID}/resourceGroups/${p.resourceGroup ?? RESOURCE_GROUP}/providers/Microsoft.Network/applicationGateways/${name}`;

/**
 * The example's gateway re-pointed at our subscription, group and name (the sub-resource ids inside
 * keep the example's, as nothing here follows them); overrides merge into properties. Compliant by
 * default: an explicit AppGwSslPolicy20220101, as a v2 gateway would carry.
 */
export function applicationGateway(properties?: Overrides, placement: Placement = {}): ArmObject {
  const sample = applicationGatewayExample();
  const name = placement.name ?? 'agw-contoso';
  return {
    ...sample,
    id: applicationGatewayId(name, placement),
    name,
    location: placement.location ?? LOCATION,
    tags: placement.tags === undefined ? {} : placement.tags,
    properties: merge(
      { ...(sample.properties as JsonObject), sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' } },
      properties,
    ),
  };
}

/** A gateway still on the 2015 predefined policy (TLS 1.0 floor). */
const drifted = (): ArmObject[] => [applicationGateway({ sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20150501' } })];

/** Report-only: nothing to fix and no enforce case. */
export const fixtures: KindFixtures = {
  resources: drifted,
  fixes: [],
  failsEveryControl: drifted,
  enforceCases: [],
};
