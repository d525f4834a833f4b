import { describe, expect, it } from 'vitest';
import control from './mysql-single-require-ssl';
import { controlCases } from '../../../test/helpers/control-cases';
import { mysqlSingleServer } from '../../../test/fixtures/arm-databases-messaging';

const server = (sslEnforcement: string | null | undefined) => mysqlSingleServer({ sslEnforcement });

controlCases(control, {
  pass: [{ name: 'sslEnforcement is Enabled', document: server('Enabled') }],
  fail: [
    { name: 'sslEnforcement is Disabled', document: server('Disabled'), path: 'properties.sslEnforcement' },
    { name: 'sslEnforcement is absent', document: server(undefined) },
  ],
});

describe('mysql-single-require-ssl', () => {
  it('is report-only: no fix, and it asks only to read', () => {
    expect(control.defaultMode).toBe('report');
    expect(control.fix).toBeUndefined();
    expect(control.permissions.every((p) => p.endsWith('/read'))).toBe(true);
  });
});
