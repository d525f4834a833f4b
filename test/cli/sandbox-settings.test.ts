import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxRun } from '../../src/cli/sandbox-command';
import { resourceGroup } from '../fixtures/arm';
import { mysqlFlexibleServer, mysqlParameter } from '../fixtures/arm-databases-messaging';
import { runCli } from '../helpers/cli';

const estate = () => [resourceGroup(), mysqlFlexibleServer(), mysqlParameter('tls_version', { value: 'TLSv1,TLSv1.1,TLSv1.2' })];
const RESTARTS_ALLOWED = { TRANSIT_WARDEN_ALLOW_RESTARTS: 'true', TRANSIT_WARDEN_CONTROL_MODES: 'mysql-flexible-min-tls=enforce' };

describe('sandbox reads the TRANSIT_WARDEN_* settings as the function app does', () => {
  it('fixes MySQL tls_version with a restart when the settings allow restarts and enforce the control', async () => {
    const run = await sandboxRun({ estate: estate(), sweep: true, mode: 'enforce', env: RESTARTS_ALLOWED });
    const record = run.records.find((r) => r.control === 'mysql-flexible-min-tls');
    expect(record).toMatchObject({ outcome: 'fixed', mode: 'enforce' });
    expect(run.sandbox.writes.map((w) => w.target)).toContain('configurations/tls_version');
    expect(run.sandbox.calls.filter((c) => c.method === 'POST' && c.path.toLowerCase().endsWith('/restart')).length).toBe(1);
  });

  it('leaves it noncompliant, writing nothing, without those settings', async () => {
    const run = await sandboxRun({ estate: estate(), sweep: true, mode: 'enforce', env: {} });
    expect(run.records.find((r) => r.control === 'mysql-flexible-min-tls')).toMatchObject({ outcome: 'noncompliant', mode: 'report' });
    expect(run.sandbox.writes).toHaveLength(0);
    expect(run.sandbox.calls.some((c) => c.path.toLowerCase().endsWith('/restart'))).toBe(false);
  });

  it('refuses a misspelt setting, as the function app does, instead of running without it', async () => {
    await expect(sandboxRun({ estate: estate(), sweep: true, mode: 'enforce', env: { TRANSIT_WARDEN_CONTROL_MODE: 'mysql-flexible-min-tls=enforce' } }))
      .rejects.toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining('TRANSIT_WARDEN_CONTROL_MODE is not a transit-warden setting') });
  });

  it('refuses a malformed setting before any work, naming the setting', async () => {
    const saved = process.env.TRANSIT_WARDEN_ALLOW_RESTARTS;
    process.env.TRANSIT_WARDEN_ALLOW_RESTARTS = 'maybe';
    try {
      const result = await runCli(['sandbox', '--estate', path.resolve(__dirname, '../../examples/estate.json'), '--sweep']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/TRANSIT_WARDEN_ALLOW_RESTARTS must be true or false/);
      expect(result.stdout).toBe('');
    } finally {
      if (saved === undefined) delete process.env.TRANSIT_WARDEN_ALLOW_RESTARTS;
      else process.env.TRANSIT_WARDEN_ALLOW_RESTARTS = saved;
    }
  });
});
