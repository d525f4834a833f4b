// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KindFixtures } from '../fixture-types';
import type { ArmObject, JsonObject } from '../../controls/types';
import { merge, type Overrides, type Placement } from '../../../test/fixtures/arm';
import { redisEnterpriseDatabase, redisEnterpriseDatabaseId, redisEnterpriseId } from '../../../test/fixtures/arm-databases-messaging';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';

const GET_SAMPLE = 'redisenterprise/2022-01-01/RedisEnterpriseGet.json';
const UPDATE_SAMPLE = 'redisenterprise/2022-01-01/RedisEnterpriseUpdate.json';

/** The 200 response body of a saved x-ms-examples file. */
function exampleBody(relativePath: string): ArmObject {
  const example: unknown = JSON.parse(readFileSync(path.join(SAMPLES_DIR, relativePath), 'utf8'));
  const body = (example as { responses?: { '200'?: { body?: ArmObject } } }).responses?.['200']?.body;
  if (!body || typeof body.id !== 'string') throw new Error(`${relativePath} has no 200 response body`);
  return body;
}

/** The example's cluster moved to `id` (its private endpoint connection's id moves with it). */
function rehomed(example: ArmObject, id: string, name: string): ArmObject {
  const from = String(example.id);
  const text = JSON.stringify(example).split(from).join(id);
  return { ...(JSON.parse(text) as ArmObject), id, name };
}

/**
 * A Redis Enterprise cluster as RedisEnterprise_Get returns it at 2022-01-01 (RedisEnterpriseGet.json:
 * Succeeded/Running, minimumTlsVersion "1.2", one approved private endpoint connection), placed in
 * the tests' subscription and resource group. Property overrides deep-merge (`undefined` removes).
 */
export function redisEnterpriseCluster(properties?: Overrides, placement: Placement = {}): ArmObject {
  const name = placement.name ?? 'amr-contoso';
  const cluster = rehomed(exampleBody(GET_SAMPLE), redisEnterpriseId(name, placement), name);
  if (placement.location !== undefined) cluster.location = placement.location;
  if (placement.tags !== undefined) cluster.tags = placement.tags;
  cluster.properties = merge(cluster.properties as JsonObject, properties);
  return cluster;
}

/** RedisEnterpriseUpdate.json's 200 response: a cluster still Updating, minimumTlsVersion "1.2". */
export const sampleRedisEnterpriseClusterUpdate = (): ArmObject => exampleBody(UPDATE_SAMPLE);

export const fixtures: KindFixtures = {
  resources: () => [redisEnterpriseCluster({ minimumTlsVersion: '1.0' }), redisEnterpriseDatabase({ clientProtocol: 'Plaintext' })],
  fixes: ['redisenterprise-encrypted', 'redisenterprise-min-tls'],
  failsEveryControl: () => [redisEnterpriseCluster({ minimumTlsVersion: '1.0' }), redisEnterpriseDatabase({ clientProtocol: 'Plaintext' })],
  enforceCases: [
    {
      control: 'redisenterprise-encrypted', estate: () => [redisEnterpriseCluster(), redisEnterpriseDatabase({ clientProtocol: 'Plaintext' })],
      resourceId: redisEnterpriseDatabaseId(), target: 'self', patch: { properties: { clientProtocol: 'Encrypted' } }, documentId: redisEnterpriseDatabaseId(),
    },
    {
      control: 'redisenterprise-min-tls', estate: () => [redisEnterpriseCluster({ minimumTlsVersion: '1.1' }, { name: 'amr-tls' })],
      resourceId: redisEnterpriseId('amr-tls'), target: 'self', patch: { properties: { minimumTlsVersion: '1.2' } }, documentId: redisEnterpriseId('amr-tls'),
    },
  ],
};
