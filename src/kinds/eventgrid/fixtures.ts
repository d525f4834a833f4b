// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md):
// eventgrid/2025-02-15/Topics_CreateOrUpdate.json (201 body: the topic as ARM returns it) and
// eventgrid/2025-02-15/Domains_Get.json (200 body). Neither example shows minimumTlsVersionAllowed,
// as a resource created without it reads; the builders add it where a case needs it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArmObject, JsonObject } from '../../controls/types';
import type { KindFixtures } from '../fixture-types';
import { merge, RESOURCE_GROUP, SUBSCRIPTION_ID, type Overrides, type Placement } from '../../../test/fixtures/arm';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';

const SAMPLE_DIR = 'eventgrid/2025-02-15';

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The body of `responses[status]` of an x-ms-examples file, as a fresh copy. */
function exampleBody(file: string, status: string): ArmObject {
  const example: unknown = JSON.parse(readFileSync(path.join(SAMPLES_DIR, SAMPLE_DIR, file), 'utf8'));
  const responses = isObject(example) ? example.responses : undefined;
  const response = isObject(responses) ? responses[status] : undefined;
  const body = isObject(response) ? response.body : undefined;
  if (!isObject(body) || typeof body.id !== 'string' || typeof body.type !== 'string') throw new Error(`${file} responses.${status}.body is not an ARM object`);
  return body as ArmObject;
}

/** Topics_CreateOrUpdate example's 201 body, as the spec file has it. */
export const sampleTopic = (): ArmObject => exampleBody('Topics_CreateOrUpdate.json', '201');
/** Domains_Get example's 200 body, as the spec file has it. */
export const sampleDomain = (): ArmObject => exampleBody('Domains_Get.json', '200');

const groupPath = (p: Placement): string => `/subscriptions/${p.subscriptionId ?? SUBSCRIPTION_ID}/resourceGroups/${p.resourceGroup ?? RESOURCE_GROUP}`;
export const eventGridTopicId = (name = 'evgt-contoso', p: Placement = {}): string => `${groupPath(p)}/providers/Microsoft.EventGrid/topics/${name}`;
export const eventGridDomainId = (name = 'evgd-contoso', p: Placement = {}): string => `${groupPath(p)}/providers/Microsoft.EventGrid/domains/${name}`;

/** A sample moved into the test subscription and group under `name`; compliant ("1.2") unless overridden. */
function rehomed(sample: ArmObject, id: string, name: string, properties: Overrides | undefined, placement: Placement): ArmObject {
  const endpoint = `https://${name}.westeurope-1.eventgrid.azure.net/api/events`;
  const base = isObject(sample.properties) ? sample.properties : {};
  return {
    ...sample,
    id,
    name,
    location: placement.location ?? String(sample.location),
    ...(placement.tags === undefined ? {} : { tags: placement.tags }),
    properties: merge(merge(base, { endpoint, minimumTlsVersionAllowed: '1.2' }), properties),
  };
}

/** An Event Grid custom topic in the Topics_CreateOrUpdate example's response shape. */
export function eventGridTopic(properties?: Overrides, placement: Placement = {}): ArmObject {
  const name = placement.name ?? 'evgt-contoso';
  return rehomed(sampleTopic(), eventGridTopicId(name, placement), name, properties, placement);
}

/** An Event Grid domain in the Domains_Get example's response shape. */
export function eventGridDomain(properties?: Overrides, placement: Placement = {}): ArmObject {
  const name = placement.name ?? 'evgd-contoso';
  return rehomed(sampleDomain(), eventGridDomainId(name, placement), name, properties, placement);
}

const FIX = { properties: { minimumTlsVersionAllowed: '1.2' } };
// The topic allows TLS 1.0; the domain has no minimumTlsVersionAllowed at all, as the spec's GET example reads.
const driftedTopic = (): ArmObject => eventGridTopic({ minimumTlsVersionAllowed: '1.0' });
const driftedDomain = (): ArmObject => eventGridDomain({ minimumTlsVersionAllowed: undefined });

export const fixtures: KindFixtures = {
  resources: () => [driftedTopic(), driftedDomain()],
  // One fix per drifted resource: the topic's and the domain's.
  fixes: ['eventgrid-min-tls', 'eventgrid-min-tls'],
  failsEveryControl: () => [driftedTopic(), driftedDomain()],
  enforceCases: [
    { control: 'eventgrid-min-tls', estate: () => [driftedTopic(), driftedDomain()], resourceId: eventGridTopicId(), target: 'self', patch: FIX, documentId: eventGridTopicId() },
  ],
};
