import { describe, expect, it } from 'vitest';
import control from './postgresql-single-require-ssl';
import { controlCases } from '../../../test/helpers/control-cases';
import { postgresqlSingleServer } from '../../../test/fixtures/arm-databases-messaging';

const server = (sslEnforcement: string | null | undefined) => postgresqlSingleServer({ sslEnforcement });

controlCases(control, {
  pass: [{ name: 'sslEnforcement is Enabled', document: server('Enabled') }],
  fail: [
    { name: 'sslEnforcement is Disabled', document: server('Disabled'), path: 'properties.sslEnforcement' },
    { name: 'sslEnforcement is absent', document: server(undefined) },
  ],
});

describe('postgresql-single-require-ssl', () => {
  it('is report-only: no fix, and it asks only to read', () => {
    expect(control.defaultMode).toBe('report');
    expect(control.fix).toBeUndefined();
    expect(control.permissions.every((p) => p.endsWith('/read'))).toBe(true);
  });
});
