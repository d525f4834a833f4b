import { describe, expect, it } from 'vitest';
import control from './redis-ssl-only';
import { controlsForType } from '../../controls';
import { controlCases } from '../../../test/helpers/control-cases';
import { recordedRedis, sampleRedis, withProperties } from '../../../test/fixtures/samples';

const fix = { properties: { enableNonSslPort: false } };

controlCases(control, {
  pass: [
    { name: 'enableNonSslPort is false', document: withProperties(sampleRedis(), { enableNonSslPort: false }) },
    { name: 'enableNonSslPort is absent, which ARM defaults to false', document: withProperties(sampleRedis(), { enableNonSslPort: undefined }) },
  ],
  fail: [
    { name: 'enableNonSslPort is true as in the Redis_Update example', document: sampleRedis(), path: 'properties.enableNonSslPort', patch: fix },
    { name: 'enableNonSslPort is true in a recorded GET response', document: recordedRedis(), patch: fix },
    { name: 'enableNonSslPort is null', document: withProperties(sampleRedis(), { enableNonSslPort: null }), patch: fix },
    { name: 'enableNonSslPort is the string "false"', document: withProperties(sampleRedis(), { enableNonSslPort: 'false' }), patch: fix },
  ],
});

describe('redis-ssl-only', () => {
  it('applies to the type as ARM spells it, Microsoft.Cache/Redis, and as the SDK path does', () => {
    expect(sampleRedis().type).toBe('Microsoft.Cache/Redis');
    expect(controlsForType(String(sampleRedis().type))).toContain(control);
    expect(controlsForType('microsoft.cache/redis')).toContain(control);
  });

  it('documents why an absent flag counts as compliant', () => {
    expect(control.doc.fix).toMatch(/absent/i);
  });
});
