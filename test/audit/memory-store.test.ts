import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { auditRecord } from '../fixtures/audit';
import { auditStoreContract } from './store-contract';

auditStoreContract('MemoryAuditStore', async () => new MemoryAuditStore());

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
