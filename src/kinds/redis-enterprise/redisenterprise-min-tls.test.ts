import { describe, expect, it } from 'vitest';
import control from './redisenterprise-min-tls';
import { SANDBOX_KINDS } from '../../sandbox/kinds';
import { checkPatchBody } from '../../sandbox/patch-rules';
import { sameType } from '../../controls/types';
import { controlCases } from '../../../test/helpers/control-cases';
import { redisEnterpriseCluster, sampleRedisEnterpriseClusterUpdate } from './fixtures';

const fix = { properties: { minimumTlsVersion: '1.2' } };
const cluster = (minimumTlsVersion: string | null | undefined) => redisEnterpriseCluster({ minimumTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimumTlsVersion is "1.2" as in the RedisEnterprise_Get example', document: redisEnterpriseCluster() },
    { name: 'minimumTlsVersion is "1.2" in the RedisEnterprise_Update example, still Updating', document: sampleRedisEnterpriseClusterUpdate() },
  ],
  fail: [
    { name: 'minimumTlsVersion is "1.0"', document: cluster('1.0'), path: 'properties.minimumTlsVersion', patch: fix },
    { name: 'minimumTlsVersion is "1.1"', document: cluster('1.1'), path: 'properties.minimumTlsVersion', patch: fix },
    { name: 'minimumTlsVersion is absent (a cluster that never set it)', document: cluster(undefined), patch: fix },
    { name: 'minimumTlsVersion is null', document: cluster(null), patch: fix },
    { name: 'minimumTlsVersion is the number 1.2, which ARM never returns', document: redisEnterpriseCluster({ minimumTlsVersion: 1.2 }), patch: fix },
  ],
});

describe('RedisEnterprise_Update in the emulator (ClusterUpdate at 2022-01-01)', () => {
  const rule = SANDBOX_KINDS['redis-enterprise'].types.find((t) => sameType(t.type, 'Microsoft.Cache/redisEnterprise'));
  it('accepts the fix and refuses what the spec refuses: "1.3" (not in TlsVersion), readOnly hostName, identity (not in ClusterUpdate)', () => {
    if (!rule) throw new Error('the emulator serves no Microsoft.Cache/redisEnterprise');
    expect(checkPatchBody(fix, rule)).toBeUndefined();
    expect(checkPatchBody({ properties: { minimumTlsVersion: '1.3' } }, rule)).toMatchObject({ status: 400 });
    expect(checkPatchBody({ properties: { hostName: 'elsewhere.example' } }, rule)).toMatchObject({ status: 400 });
    expect(checkPatchBody({ identity: { type: 'SystemAssigned' } }, rule)).toMatchObject({ status: 400 });
  });
});
