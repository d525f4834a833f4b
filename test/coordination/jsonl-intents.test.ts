import { mkdtempSync, readFileSync, appendFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonlIntentStore } from '../../src/coordination/jsonl-intents';
import type { WriteIntent } from '../../src/engine/ports';

const RESOURCE = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1';

function intent(id: string, overrides: Partial<WriteIntent> = {}): WriteIntent {
  return {
    id, group: id.split('-')[0], resourceId: RESOURCE, target: 'self', step: 'patch', body: { properties: { minimumTlsVersion: 'TLS1_2' } },
    time: '2026-12-01T00:00:00.000Z', holder: 'test', records: [], ...overrides,
  };
}

describe('JSONL write intents beside an audit file', () => {
  it('finds what a dead process left: a fresh store on the same file reads its open intents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-intents-'));
    const first = JsonlIntentStore.besideAuditFile(join(dir, 'audit.jsonl'));
    expect(first.path).toBe(join(dir, 'audit.jsonl.intents'));
    await first.record(intent('g1-patch'));
    await first.record(intent('g2-patch', { resourceId: `${RESOURCE}x` }));
    await first.close(intent('g2-patch', { resourceId: `${RESOURCE}x` }));
    // The process died mid-append: a cut-off line is no intent (it was never flushed, so nothing was sent).
    appendFileSync(first.path, '{"intent":{"id":"g3-pat');
    const restarted = new JsonlIntentStore(first.path);
    expect((await restarted.open(RESOURCE.toUpperCase())).map((i) => i.id)).toEqual(['g1-patch']);
    expect((await restarted.list()).map((i) => i.id)).toEqual(['g1-patch']);
    // Recording after the cut-off line still yields a readable line.
    await restarted.record(intent('g4-restart', { step: 'restart' }));
    expect((await restarted.open(RESOURCE)).map((i) => i.id)).toEqual(['g1-patch', 'g4-restart']);
  });

  it('empties the file once nothing is open and it has grown, and never while an intent is open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-intents-'));
    const store = new JsonlIntentStore(join(dir, 'x.intents'));
    const big = { properties: { note: 'x'.repeat(2000) } };
    await store.record(intent('keep-patch'));
    for (let i = 0; i < 40; i += 1) {
      await store.record(intent(`g${i}-patch`, { body: big }));
      await store.close(intent(`g${i}-patch`));
    }
    expect(statSync(store.path).size).toBeGreaterThan(64 * 1024);
    expect((await store.list()).map((i) => i.id)).toEqual(['keep-patch']);
    await store.close(intent('keep-patch'));
    expect(readFileSync(store.path, 'utf8')).toBe('');
    expect(await store.list()).toEqual([]);
  });

  it('refuses an empty path', () => {
    expect(() => new JsonlIntentStore(' ')).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});
