import { describe, expect, it } from 'vitest';
import control from './postgresql-single-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { postgresqlSingleServer } from '../../../test/fixtures/arm-databases-messaging';

const server = (minimalTlsVersion: string | null | undefined) => postgresqlSingleServer({ minimalTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimalTlsVersion is TLS1_2', document: server('TLS1_2') },
    { name: 'minimalTlsVersion is TLS1_3', document: server('TLS1_3') },
  ],
  fail: [
    { name: 'minimalTlsVersion is TLS1_0', document: server('TLS1_0'), path: 'properties.minimalTlsVersion' },
    { name: 'minimalTlsVersion is TLS1_1', document: server('TLS1_1') },
    { name: 'SSL is not enforced, so minimalTlsVersion is TLSEnforcementDisabled', document: postgresqlSingleServer({ sslEnforcement: 'Disabled', minimalTlsVersion: 'TLSEnforcementDisabled' }) },
    { name: 'minimalTlsVersion is absent', document: server(undefined) },
  ],
});

describe('postgresql-single-min-tls', () => {
  it('is report-only: no fix, and it asks only to read', () => {
    expect(control.defaultMode).toBe('report');
    expect(control.fix).toBeUndefined();
    expect(control.permissions.every((p) => p.endsWith('/read'))).toBe(true);
  });
});
