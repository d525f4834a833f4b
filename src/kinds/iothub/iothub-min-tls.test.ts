import { describe, expect, it } from 'vitest';
import control from './iothub-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { iothub } from './fixtures';

controlCases(control, {
  pass: [{ name: 'minTlsVersion is "1.2" (iothub_get.json as it is)', document: iothub() }],
  fail: [
    { name: 'minTlsVersion is absent (hub created without a TLS floor)', document: iothub({ minTlsVersion: undefined }), path: 'properties.minTlsVersion' },
    { name: 'minTlsVersion is "1.0"', document: iothub({ minTlsVersion: '1.0' }) },
    { name: 'minTlsVersion is "1.1"', document: iothub({ minTlsVersion: '1.1' }) },
    { name: 'minTlsVersion is null', document: iothub({ minTlsVersion: null }) },
  ],
});

describe('iothub-min-tls', () => {
  it('is report-only: no fix, and it asks only to read', () => {
    expect(control.defaultMode).toBe('report');
    expect(control.fix).toBeUndefined();
    expect(control.fixPaths).toBeUndefined();
    expect(control.permissions).toEqual(['Microsoft.Devices/IotHubs/read']);
  });
});
