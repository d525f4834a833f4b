/**
 * Storage file services have no Resource Graph rows, so the list sweep is how a sweep finds them:
 * the lister lists each account's file services (FileServices_List) except on blob-only accounts,
 * and a write event on …/fileServices/default is evaluated on the file service itself.
 */
import { describe, expect, it } from 'vitest';
import { ListSource } from '../../azure/list-source';
import { catalog } from '../../controls';
import { parseResourceId } from '../../core/resource-id';
import { runSweep } from '../../engine/sweep';
import { createIntake } from '../../events/intake';
import { eventFor } from '../../../bench/estate';
import { resourceGroup, storageAccount, storageAccountId, SUBSCRIPTION_ID } from '../../../test/fixtures/arm';
import { FIXED_NOW, sandboxEngine } from '../../../test/helpers/sandbox-runtime';
import { fileService, fileServicesId } from './fixtures';

const drifted = { versions: 'SMB2.1;SMB3.0;SMB3.1.1' };

function estate() {
  return [
    resourceGroup(),
    storageAccount(),
    fileService(drifted),
    storageAccount({}, { name: 'stsecure001' }),
    fileService(undefined, { account: 'stsecure001' }),
    storageAccount({}, { name: 'stblob001', kind: 'BlockBlobStorage' }),
  ];
}

describe('storage lister and events: file services', () => {
  it('a list sweep lists each account\'s file service, skips blob-only accounts, and reports the drifted one', async () => {
    const t = sandboxEngine(estate());
    const source = new ListSource({ credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog });
    const { records } = await runSweep({ engine: t.engine, source, catalog, runId: 'smb-sweep', now: FIXED_NOW, concurrency: 1 });
    const smb = records.filter((r) => r.control === 'storage-smb-secure');
    // The compliant file service plainly passes on its listed row, so the sweep records nothing for it.
    expect(smb.map((r) => [r.resourceId, r.outcome])).toEqual([[fileServicesId(), 'noncompliant']]);
    const listed = t.sandbox.calls.filter((c) => c.method === 'GET' && /\/fileServices$/i.test(c.path)).map((c) => c.path.toLowerCase());
    expect(listed.sort()).toEqual([`${storageAccountId()}/fileServices`, `${storageAccountId('stsecure001')}/fileServices`].map((p) => p.toLowerCase()).sort());
    expect(t.sandbox.writes).toEqual([]);
  });

  it('a write event on fileServices/default evaluates the file service, reports it and writes nothing', async () => {
    const t = sandboxEngine(estate());
    const intake = createIntake({ engine: t.engine, config: { allowedSubscriptions: [SUBSCRIPTION_ID], ownIdentities: [] }, catalog });
    const summary = await intake.handle([eventFor(fileServicesId(), 'smb-event-1')]);
    expect(summary.rejected).toEqual([]);
    expect(summary.records.map((r) => [r.resourceId, r.control, r.outcome])).toEqual([[fileServicesId(), 'storage-smb-secure', 'noncompliant']]);
    expect(t.sandbox.writes).toEqual([]);
  });

  it('refuses to write a file service through the adapter', async () => {
    const t = sandboxEngine(estate());
    await expect(t.gateway.patch(parseResourceId(fileServicesId()), 'self', { properties: { protocolSettings: { smb: { versions: 'SMB3.1.1' } } } })).rejects.toThrow(/never writes/);
  });
});
