import { describe, expect, it } from 'vitest';
import control from './mysql-flexible-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { mysqlFlexibleServer, mysqlParameter, sampleMysqlParameter } from '../../../test/fixtures/arm-databases-messaging';

const fixTo = (value: string) => ({ properties: { value, source: 'user-override' } });
const server = mysqlFlexibleServer();
const parameter = (value: string | null | undefined) => mysqlParameter('tls_version', { value });

controlCases(control, {
  pass: [
    { name: 'tls_version is TLSv1.2, Azure\'s default', document: parameter('TLSv1.2'), resource: server },
    { name: 'tls_version lists TLSv1.2 and TLSv1.3', document: parameter('TLSv1.2,TLSv1.3'), resource: server },
    { name: 'tls_version is only TLSv1.3', document: parameter('TLSv1.3'), resource: server },
    { name: 'the list has spaces and odd case', document: parameter(' tlsv1.2 , TLSv1.3'), resource: server },
    { name: 'the Configurations_Update example is re-pointed at tls_version = TLSv1.2', document: sampleMysqlParameter('tls_version', 'TLSv1.2'), resource: server },
  ],
  fail: [
    { name: 'tls_version still lists TLSv1 and TLSv1.1', document: parameter('TLSv1,TLSv1.1,TLSv1.2'), resource: server, path: 'properties.value', patch: fixTo('TLSv1.2') },
    { name: 'TLSv1.3 is listed next to TLSv1.1 and is kept by the fix', document: parameter('TLSv1.1,TLSv1.2,TLSv1.3'), resource: server, patch: fixTo('TLSv1.2,TLSv1.3') },
    { name: 'only TLSv1.1 is listed', document: sampleMysqlParameter('tls_version', 'TLSv1.1'), resource: server, patch: fixTo('TLSv1.2') },
    { name: 'the value is empty', document: parameter(''), resource: server, patch: fixTo('TLSv1.2') },
    { name: 'the value is absent', document: parameter(undefined), resource: server, patch: fixTo('TLSv1.2') },
  ],
});

describe('mysql-flexible-min-tls', () => {
  it('is report-only by default and marks its fix as needing a restart', () => {
    expect(control.defaultMode).toBe('report');
    expect(control.fixNeedsRestart).toBe(true);
  });

  it('asks for the restart action its fix needs', () => {
    expect(control.permissions).toEqual(expect.arrayContaining([
      'Microsoft.DBforMySQL/flexibleServers/configurations/write', 'Microsoft.DBforMySQL/flexibleServers/restart/action',
    ]));
  });

  it('fails a compliant value still pending a restart, and its fix rewrites that same value (the engine then restarts)', () => {
    const pending = mysqlParameter('tls_version', { value: 'TLSv1.2,TLSv1.3', isConfigPendingRestart: 'True' });
    const verdict = control.evaluate(pending, server);
    expect(verdict).toMatchObject({ status: 'fail', path: 'properties.isConfigPendingRestart', reason: expect.stringMatching(/not been restarted since it was set/) });
    expect(control.fix?.(pending, server)).toEqual(fixTo('TLSv1.2,TLSv1.3'));
    expect(control.evaluate(mysqlParameter('tls_version', { value: 'TLSv1.2', isConfigPendingRestart: 'False' }), server).status).toBe('pass');
  });

  it('names the protocols it objects to in the reason', () => {
    const verdict = control.evaluate(parameter('TLSv1,TLSv1.2'), server);
    expect(verdict.status === 'fail' && verdict.reason).toMatch(/TLSv1\b/);
  });
});
