import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { auditRecord } from '../fixtures/audit';
import { auditStoreContract } from './store-contract';

auditStoreContract('MemoryAuditStore', async (key) => new MemoryAuditStore([], { key }));

describe('MemoryAuditStore', () => {
  it('cannot be rewritten by mutating a record the caller still holds', async () => {
    const store = new MemoryAuditStore();
    const record = auditRecord();
    await store.append([record]);
    record.outcome = 'compliant';
    const read = await store.get(record.id);
    expect(read?.outcome).toBe('fixed');
    if (read) read.reason = 'tampered';
    expect((await store.get(record.id))?.reason).not.toBe('tampered');
  });
});

describe('MemoryAuditStore time-ordered indexes', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 12, minute)).toISOString();
  const id = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st';

  it('answers window queries and counts exactly when records arrive out of time order', async () => {
    const store = new MemoryAuditStore();
    const minutes = [5, 1, 9, 3, 3, 7, 0, 8];
    await store.append(minutes.map((m, i) => auditRecord({ id: `r${i}`, time: at(m), resourceId: id, outcome: 'fixed' })));
    const window = { since: at(3), until: at(8) };
    const byOutcome = await store.query({ outcome: 'fixed', ...window });
    const byResource = await store.query({ resourceId: id, ...window });
    // 3, 3, 5, 7: oldest first, the two records of minute 3 in insertion order.
    expect(byOutcome.map((r) => r.id)).toEqual(['r3', 'r4', 'r0', 'r5']);
    expect(byResource.map((r) => r.id)).toEqual(['r3', 'r4', 'r0', 'r5']);
    expect(await store.count({ outcome: 'fixed', ...window })).toBe(4);
    expect(await store.count({ resourceId: id, outcome: 'fixed', since: at(9) })).toBe(1);
    expect(await store.count({ outcome: 'fixed', until: at(0) })).toBe(0);
    expect(await store.count({ outcome: 'fixed', limit: 2 })).toBe(2);
    // The same answers as a full scan, for every window.
    for (let since = 0; since <= 10; since++) {
      for (let until = since; until <= 10; until++) {
        const q = { since: at(since), until: at(until) };
        const scan = (await store.query(q)).filter((r) => r.outcome === 'fixed').map((r) => r.id);
        expect((await store.query({ outcome: 'fixed', ...q })).map((r) => r.id)).toEqual(scan);
        expect(await store.count({ outcome: 'fixed', ...q })).toBe(scan.length);
      }
    }
  });
});
