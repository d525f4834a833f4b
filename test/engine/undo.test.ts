import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { undoFix } from '../../src/engine/undo';
import { recordIdFor } from '../../src/audit/record';
import { parseResourceId } from '../../src/core/resource-id';
import { resourceGroup, storageAccount, storageAccountId, webApp, siteId } from '../fixtures/arm';
import { mysqlFlexibleServer, mysqlFlexibleServerId, mysqlParameter } from '../fixtures/arm-databases-messaging';
import { byControl, sandboxEngine, type SandboxEngine } from '../helpers/sandbox-runtime';

function undo(t: SandboxEngine, recordId: string) {
  return undoFix(recordId, { audit: t.audit, reader: t.gateway, writer: t.gateway, clock: t.clock, catalog }, 'alice@contoso.com');
}

describe('undo', () => {
  it('restores exactly the properties one fix changed and records undone', async () => {
    const t = sandboxEngine([resourceGroup(), ...webApp({ httpsOnly: true }, { minTlsVersion: '1.0', scmMinTlsVersion: '1.0', ftpsState: 'FtpsOnly' })]);
    const fixed = byControl(await t.process(siteId()))['appservice-min-tls'];
    expect(fixed.outcome).toBe('fixed');

    const record = await undo(t, fixed.id);
    expect(record).toMatchObject({
      trigger: 'undo', outcome: 'undone', control: 'appservice-min-tls', actor: 'alice@contoso.com', correlationId: fixed.id, verified: true,
      before: { properties: { minTlsVersion: '1.2' } }, after: { properties: { minTlsVersion: '1.0' } },
    });
    expect(t.sandbox.writes.at(-1)).toMatchObject({ target: 'config/web', body: { properties: { minTlsVersion: '1.0' } } });
    // scmMinTlsVersion was fixed in the same PATCH by another control: undoing min-tls leaves it fixed.
    expect(t.sandbox.get(`${siteId()}/config/web`)?.properties).toMatchObject({ minTlsVersion: '1.0', scmMinTlsVersion: '1.2' });
    expect(record.reason).toMatch(/transit-warden-exempt=appservice-min-tls/);
  });

  it('restores a flexible-server parameter as the CLI sets one: the old value with source user-override, never system-default', async () => {
    const t = sandboxEngine([resourceGroup(), mysqlFlexibleServer(), mysqlParameter('require_secure_transport', { value: 'OFF' })]);
    const fixed = byControl(await t.process(mysqlFlexibleServerId()))['mysql-flexible-require-ssl'];
    expect(fixed).toMatchObject({ outcome: 'fixed', before: { properties: { value: 'OFF', source: 'system-default' } } });

    const record = await undo(t, fixed.id);
    const restore = { properties: { value: 'OFF', source: 'user-override' } };
    expect(t.sandbox.writes.at(-1)).toMatchObject({ target: 'configurations/require_secure_transport', body: restore });
    expect(record).toMatchObject({ outcome: 'undone', verified: true, after: restore });
    expect(t.sandbox.get(`${mysqlFlexibleServerId()}/configurations/require_secure_transport`)?.properties).toMatchObject({ value: 'OFF' });
  });

  it('holds off re-fixing during the flap window, then fixes again', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    const fixed = byControl(await t.process(storageAccountId(), 'event-1'))['storage-min-tls'];
    await undo(t, fixed.id);

    t.clock.set(new Date('2026-11-23T12:30:00Z'));
    const held = byControl(await t.process(storageAccountId(), 'event-2'))['storage-min-tls'];
    expect(held).toMatchObject({ outcome: 'skipped', skipCode: 'undone-recently', reason: expect.stringMatching(/^undone by alice@contoso.com/) });
    expect(t.sandbox.get(storageAccountId())?.properties).toMatchObject({ minimumTlsVersion: 'TLS1_0' });

    t.clock.set(new Date('2026-11-23T13:30:00Z'));
    expect(byControl(await t.process(storageAccountId(), 'event-3'))['storage-min-tls'].outcome).toBe('fixed');
  });

  it('refuses, and writes nothing, when the resource changed since the fix', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    const fixed = byControl(await t.process(storageAccountId()))['storage-min-tls'];
    t.sandbox.set(storageAccount({ minimumTlsVersion: 'TLS1_3' }));
    const writes = t.sandbox.writes.length;
    await expect(undo(t, fixed.id)).rejects.toMatchObject({ code: 'UNDO_REFUSED', message: expect.stringMatching(/is now "TLS1_3" \(the fix set "TLS1_2"\)/) });
    expect(t.sandbox.writes).toHaveLength(writes);
  });

  it('refuses a record that is not a fix, an unknown id, and a second undo of the same fix', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    const records = byControl(await t.process(storageAccountId()));
    await expect(undo(t, records['storage-https-only'].id)).rejects.toMatchObject({ code: 'UNDO_REFUSED', message: expect.stringMatching(/is compliant, not fixed/) });
    await expect(undo(t, 'no-such-record')).rejects.toMatchObject({ code: 'UNDO_REFUSED' });
    await undo(t, records['storage-min-tls'].id);
    await expect(undo(t, records['storage-min-tls'].id)).rejects.toMatchObject({ code: 'UNDO_REFUSED', message: expect.stringMatching(/already undone/) });
  });

  it('records a failed attempt apart, so the undo can be tried again and then succeeds', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    const fixed = byControl(await t.process(storageAccountId()))['storage-min-tls'];
    t.sandbox.faults.serverError({ times: 20, status: 500, match: ({ method }) => method === 'PATCH' });
    const failed = await undo(t, fixed.id);
    expect(failed).toMatchObject({ outcome: 'failed', verified: false, reason: expect.stringMatching(/undo of record .* failed: .*500/) });
    expect(t.sandbox.get(storageAccountId())?.properties).toMatchObject({ minimumTlsVersion: 'TLS1_2' });

    t.sandbox.faults.clear();
    const retried = await undo(t, fixed.id);
    expect(retried).toMatchObject({ outcome: 'undone', verified: true });
    expect(retried.id).not.toBe(failed.id);
    expect(t.sandbox.get(storageAccountId())?.properties).toMatchObject({ minimumTlsVersion: 'TLS1_0' });
  });

  it('records failed, not undone, when ARM accepts the PATCH but the value does not take', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    const fixed = byControl(await t.process(storageAccountId()))['storage-min-tls'];
    // A writer that is answered with the resource unchanged (a policy or the RP kept the value).
    const writer = { patch: async () => t.gateway.read(parseResourceId(storageAccountId()), ['self']).then((s) => s.resource) };
    const record = await undoFix(fixed.id, { audit: t.audit, reader: t.gateway, writer, clock: t.clock, catalog }, 'alice@contoso.com');
    expect(record).toMatchObject({ outcome: 'failed', verified: false, reason: expect.stringMatching(/still shows properties\.minimumTlsVersion = "TLS1_2"/) });
    // Not an `undone` record: the engine does not hold off re-fixing, and a retry is allowed.
    await expect(undo(t, fixed.id)).resolves.toMatchObject({ outcome: 'undone' });
  });

  it('refuses, rather than failing, when the resource was deleted since the fix', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    const fixed = byControl(await t.process(storageAccountId()))['storage-min-tls'];
    t.sandbox.delete(storageAccountId());
    await expect(undo(t, fixed.id)).rejects.toMatchObject({ code: 'UNDO_REFUSED', message: expect.stringMatching(/no longer exists/) });
  });

  it('records a successful retry even when an older version left a failed attempt under the fixed undo id', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    const fixed = byControl(await t.process(storageAccountId()))['storage-min-tls'];
    const undoId = recordIdFor({ trigger: 'undo', occurrence: fixed.id, resourceId: fixed.resourceId, control: fixed.control });
    await t.audit.append([{ ...fixed, id: undoId, trigger: 'undo', outcome: 'failed', reason: `undo of record ${fixed.id} failed: ARM answered 500` }]);
    const record = await undo(t, fixed.id);
    expect(record).toMatchObject({ outcome: 'undone' });
    expect(record.id).not.toBe(undoId);
    expect(await t.audit.get(record.id)).toMatchObject({ outcome: 'undone' });
    await expect(undo(t, fixed.id)).rejects.toMatchObject({ code: 'UNDO_REFUSED', message: expect.stringMatching(`already undone \\(record ${record.id}\\)`) });
    // The hold works from the stored record: the next evaluation does not re-fix.
    t.clock.set(new Date(t.clock.now().getTime() + 10 * 60_000));
    expect(byControl(await t.process(storageAccountId(), 'event-2'))['storage-min-tls']).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/^undone by/) });
  });
});
