// Test-only (see ../fixture-types.ts): built from the REST spec example ManagedInstanceUpdateMax.json
// (2021-11-01), saved in test/fixtures/samples/sql-managed-instance (SOURCES.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KindFixtures } from '../fixture-types';
import type { ArmObject } from '../../controls/types';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';
import { merge, RESOURCE_GROUP, SUBSCRIPTION_ID, type Overrides, type Placement } from '../../../test/fixtures/arm';

const SAMPLE = 'sql-managed-instance/2021-11-01/ManagedInstanceUpdateMax.json';

/** ManagedInstances_Update's 200 response body in the example, as ARM returns it (minimalTlsVersion "1.2"). */
export function sampleManagedInstance(): ArmObject {
  const example: unknown = JSON.parse(readFileSync(path.join(SAMPLES_DIR, SAMPLE), 'utf8'));
  const body = (example as { responses?: { '200'?: { body?: ArmObject } } }).responses?.['200']?.body;
  if (!body || typeof body.id !== 'string') throw new Error(`${SAMPLE} has no 200 response body`);
  return body;
}

export const managedInstanceId = (name = 'sqlmi-contoso', p: Placement = {}): string =>
  `/subscriptions/${p.subscriptionId ?? SUBSCRIPTION_ID}/resourceGroups/${p.resourceGroup ?? RESOURCE_GROUP}/providers/Microsoft.Sql/managedInstances/${name}`;

/**
 * The example's instance moved into the test subscription and group (id, name, tags), with
 * `properties` overrides deep-merged (`undefined` removes a key). The example's subnet and instance
 * pool ids are left as the example spells them: no control reads them.
 */
export function managedInstance(properties?: Overrides, placement: Placement = {}): ArmObject {
  const sample = sampleManagedInstance();
  const name = placement.name ?? 'sqlmi-contoso';
  return {
    ...sample,
    tags: placement.tags === undefined ? {} : placement.tags,
    id: managedInstanceId(name, placement),
    name,
    location: placement.location ?? String(sample.location),
    properties: merge(sample.properties as ArmObject, properties),
  };
}

const drifted = (): ArmObject => managedInstance({ minimalTlsVersion: '1.0' });

export const fixtures: KindFixtures = {
  resources: () => [drifted()],
  fixes: ['sqlmi-min-tls'],
  failsEveryControl: () => [drifted()],
  enforceCases: [
    {
      control: 'sqlmi-min-tls', estate: () => [managedInstance({ minimalTlsVersion: '1.1' }, { name: 'sqlmi-tls' })],
      resourceId: managedInstanceId('sqlmi-tls'), target: 'self', patch: { properties: { minimalTlsVersion: '1.2' } }, documentId: managedInstanceId('sqlmi-tls'),
    },
  ],
};
