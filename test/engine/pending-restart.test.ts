import { describe, expect, it } from 'vitest';
import { mysqlFlexibleServer, mysqlParameter } from '../fixtures/arm-databases-messaging';
import { resourceGroup } from '../fixtures/arm';
import { byControl, sandboxEngine } from '../helpers/sandbox-runtime';

describe('flexible-server parameters pending a restart', () => {
  it('records the fix and says it takes effect after a restart when ARM reports isConfigPendingRestart', async () => {
    const server = mysqlFlexibleServer();
    const parameter = mysqlParameter('require_secure_transport', { value: 'OFF' });
    const t = sandboxEngine([resourceGroup(), server, parameter]);
    t.sandbox.faults.mutateBeforeWrite(parameter.id as string, (doc) => {
      (doc.properties as Record<string, unknown>).isConfigPendingRestart = 'True';
    });
    const record = byControl(await t.process(server.id as string))['mysql-flexible-require-ssl'];
    expect(record).toMatchObject({ outcome: 'fixed', verified: true, reason: expect.stringContaining('takes effect after the next server restart') });
    expect(t.restarts).toHaveLength(0);
  });

  it('adds no such note when the parameter applies at once', async () => {
    const server = mysqlFlexibleServer();
    const t = sandboxEngine([resourceGroup(), server, mysqlParameter('require_secure_transport', { value: 'OFF' })]);
    const record = byControl(await t.process(server.id as string))['mysql-flexible-require-ssl'];
    expect(record.outcome).toBe('fixed');
    expect(record.reason).not.toContain('restart');
  });
});
