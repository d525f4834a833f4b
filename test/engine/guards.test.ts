import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { checkFixHistories, checkFlap, checkWriteBudget } from '../../src/engine/guards';
import { auditRecord, recordsEvery, SHOP_SITE_ID, SHOP_SLOT_ID, STORAGE_ID } from '../fixtures/audit';

const now = new Date('2026-11-23T12:00:00.000Z');
const flap = { resourceId: SHOP_SITE_ID, control: 'appservice-https-only', now, maxFixes: 3, windowMinutes: 60 };

describe('checkFlap', () => {
  it('quarantines once the resource × control was fixed maxFixes times inside the window', async () => {
    const store = new MemoryAuditStore(recordsEvery(3, 10, now));
    expect(await checkFlap(store, flap)).toEqual({ quarantined: true, fixesInWindow: 3 });
  });

  it('allows the fix that would be number maxFixes', async () => {
    const store = new MemoryAuditStore(recordsEvery(2, 10, now));
    expect(await checkFlap(store, flap)).toEqual({ quarantined: false, fixesInWindow: 2 });
  });

  it('does not quarantine fixes spread outside the window', async () => {
    const store = new MemoryAuditStore(recordsEvery(5, 45, now));
    expect(await checkFlap(store, flap)).toEqual({ quarantined: false, fixesInWindow: 2 });
  });

  it('counts a fix exactly at the window start and one stamped now', async () => {
    const store = new MemoryAuditStore([
      auditRecord({ time: '2026-11-23T11:00:00.000Z' }),
      auditRecord({ time: '2026-11-23T10:59:59.999Z' }),
      auditRecord({ time: now.toISOString() }),
    ]);
    expect((await checkFlap(store, flap)).fixesInWindow).toBe(2);
  });

  it('counts only fixed records of the same resource and control', async () => {
    const store = new MemoryAuditStore([
      ...recordsEvery(3, 5, now, { outcome: 'would-fix', mode: 'dry-run' }),
      ...recordsEvery(3, 5, now, { control: 'appservice-min-tls' }),
      ...recordsEvery(3, 5, now, { resourceId: SHOP_SLOT_ID }),
      ...recordsEvery(3, 5, now, { resourceId: SHOP_SITE_ID.toUpperCase(), outcome: 'fixed' }).slice(0, 1),
    ]);
    expect(await checkFlap(store, flap)).toEqual({ quarantined: false, fixesInWindow: 1 });
  });

  it('refuses a non-positive maxFixes instead of quarantining everything', async () => {
    await expect(checkFlap(new MemoryAuditStore(), { ...flap, maxFixes: 0 })).rejects.toThrow(/positive whole number/);
  });
});

describe('checkFixHistories', () => {
  it('answers each control of one resource from a single history read, keeping the controls apart', async () => {
    const store = new MemoryAuditStore([
      ...recordsEvery(3, 10, now),
      auditRecord({ control: 'appservice-min-tls', time: '2026-11-23T11:50:00.000Z' }),
      auditRecord({ id: 'undo-1', control: 'appservice-min-tls', outcome: 'undone', trigger: 'undo', actor: 'ops@contoso.com', time: '2026-11-23T11:55:00.000Z' }),
      ...recordsEvery(3, 10, now, { resourceId: SHOP_SLOT_ID, control: 'appservice-ftps-only' }),
    ]);
    let queries = 0;
    const query = store.query.bind(store);
    store.query = (q) => {
      queries += 1;
      return query(q);
    };
    const histories = await checkFixHistories(store, {
      resourceId: SHOP_SITE_ID, controls: ['appservice-https-only', 'appservice-min-tls', 'appservice-ftps-only'], now, maxFixes: 3, windowMinutes: 60,
    });
    expect(queries).toBe(1);
    expect(histories.get('appservice-https-only')).toEqual({ quarantined: true, fixesInWindow: 3 });
    expect(histories.get('appservice-min-tls')).toMatchObject({ quarantined: false, fixesInWindow: 1, lastUndone: { id: 'undo-1' } });
    // The slot's ftps fixes belong to another resource.
    expect(histories.get('appservice-ftps-only')).toEqual({ quarantined: false, fixesInWindow: 0 });
  });
});

describe('checkWriteBudget', () => {
  const budget = { now, maxWrites: 4, windowMinutes: 60 };

  it('counts fixed and undone records across resources inside the window', async () => {
    const store = new MemoryAuditStore([
      auditRecord({ time: '2026-11-23T11:10:00.000Z' }),
      auditRecord({ time: '2026-11-23T11:20:00.000Z', resourceId: STORAGE_ID, control: 'storage-min-tls' }),
      auditRecord({ time: '2026-11-23T11:30:00.000Z', outcome: 'undone', trigger: 'undo' }),
      auditRecord({ time: '2026-11-23T11:40:00.000Z', outcome: 'would-fix' }),
      auditRecord({ time: '2026-11-23T11:45:00.000Z', outcome: 'compliant' }),
      auditRecord({ time: '2026-11-23T10:30:00.000Z' }),
    ]);
    expect(await checkWriteBudget(store, budget)).toEqual({ exhausted: false, used: 3 });
  });

  it('is exhausted when the writes in the window reach the budget', async () => {
    const store = new MemoryAuditStore(recordsEvery(4, 1, now, { resourceId: STORAGE_ID, control: 'storage-https-only' }));
    expect(await checkWriteBudget(store, budget)).toEqual({ exhausted: true, used: 4 });
  });

  it('frees budget as old writes leave the window', async () => {
    const store = new MemoryAuditStore(recordsEvery(4, 25, now));
    expect(await checkWriteBudget(store, budget)).toEqual({ exhausted: false, used: 3 });
  });
});
