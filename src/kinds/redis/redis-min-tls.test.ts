import { describe, expect, it } from 'vitest';
import control from './redis-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { recordedRedis, sampleRedis, withProperties } from '../../../test/fixtures/samples';
import type { ArmObject } from '../../controls/types';

const fix = { properties: { minimumTlsVersion: '1.2' } };
const cache = (minimumTlsVersion: string | number | null | undefined): ArmObject => withProperties(sampleRedis(), { minimumTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimumTlsVersion is "1.2" in a recorded GET response', document: recordedRedis() },
    { name: 'minimumTlsVersion is "1.2" on the Redis_Update example', document: cache('1.2') },
  ],
  fail: [
    { name: 'minimumTlsVersion is absent as in the Redis_Update example', document: sampleRedis(), path: 'properties.minimumTlsVersion', patch: fix },
    { name: 'minimumTlsVersion is "1.0"', document: cache('1.0'), patch: fix },
    { name: 'minimumTlsVersion is "1.1"', document: cache('1.1'), patch: fix },
    { name: 'minimumTlsVersion is null', document: cache(null), patch: fix },
    { name: 'minimumTlsVersion is the number 1.2', document: cache(1.2), patch: fix },
    // The REST spec's TlsVersion enum (2024-11-01) stops at "1.2"; ARM cannot hold "1.3" today.
    { name: 'minimumTlsVersion is "1.3", which the REST spec does not define', document: cache('1.3'), patch: fix },
  ],
});

describe('redis-min-tls', () => {
  it('needs read and write on Microsoft.Cache/redis, and to read the status of its long-running update', () => {
    expect([...control.permissions].sort()).toEqual(['Microsoft.Cache/locations/asyncOperations/read', 'Microsoft.Cache/redis/read', 'Microsoft.Cache/redis/write']);
  });
});
