import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditKey, chainOf, sealRecord } from '../../src/audit/integrity';
import { JsonlAuditStore } from '../../src/audit/jsonl-store';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import type { AuditRecord } from '../../src/audit/record';
import { verifyLog } from '../../src/audit/verify';
import { auditRecord, REDIS_ID, SHOP_SITE_ID, STORAGE_ID } from '../fixtures/audit';

const KEY = new AuditKey('verify-test-audit-key-0123456789abcdefgh');
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

const minute = (m: number): string => new Date(Date.UTC(2026, 10, 23, 10, m)).toISOString();

/** A keyed JSONL log as the engine leaves it: three resources, five fixes of the shop site among them. */
async function keyedLog(): Promise<{ path: string; lines: AuditRecord[] }> {
  const folder = await mkdtemp(join(tmpdir(), 'tw-verify-'));
  folders.push(folder);
  const path = join(folder, 'audit.jsonl');
  const store = new JsonlAuditStore(path, { fsync: false, key: KEY });
  const shop = ['appservice-https-only', 'appservice-min-tls', 'appservice-scm-min-tls', 'appservice-ftps-only', 'appservice-https-only']
    .map((control, i) => auditRecord({ control, time: minute(i * 2) }));
  await store.append([shop[0], auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls', time: minute(1), before: { properties: { minimumTlsVersion: 'TLS1_0' } }, after: { properties: { minimumTlsVersion: 'TLS1_2' } } })]);
  for (const record of shop.slice(1)) await store.append([record]);
  await store.append([auditRecord({ resourceId: REDIS_ID, control: 'redis-ssl-only', outcome: 'compliant', before: null, after: null, time: minute(11) })]);
  return { path, lines: await readLines(path) };
}

async function readLines(path: string): Promise<AuditRecord[]> {
  return (await readFile(path, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditRecord);
}

async function writeLines(path: string, lines: readonly (AuditRecord | string)[]): Promise<void> {
  await writeFile(path, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
}

/** `key` null: verify as someone who does not hold the deployment's key. */
async function verifyFile(path: string, key: AuditKey | null = KEY) {
  return verifyLog(await new JsonlAuditStore(path).scan(), key ?? undefined);
}

const shopLines = (lines: AuditRecord[]): AuditRecord[] => lines.filter((r) => r.resourceId === SHOP_SITE_ID);

describe('verifyLog', () => {
  it('finds an intact keyed log intact, and lists each chain head', async () => {
    const { path, lines } = await keyedLog();
    const report = await verifyFile(path);
    expect(report).toMatchObject({ intact: true, records: 7, sealed: 7, unchained: 0, unkeyed: 0, findings: [], notes: [], keyId: KEY.id });
    const shop = shopLines(lines);
    expect(report.heads).toContainEqual({ chain: chainOf(SHOP_SITE_ID), resourceId: SHOP_SITE_ID, records: 5, seq: 5, hash: shop[4].integrity?.hash });
    expect([...report.verdicts.values()].every((v) => v === 'intact')).toBe(true);
  });

  it('names an edited, a deleted and an inserted record in one log', async () => {
    const { path, lines } = await keyedLog();
    const shop = shopLines(lines);
    const edited = shop[1];
    const deleted = shop[2];
    // Edited: the record now claims a wider before (what made undo write a property the fix never touched).
    const tampered = { ...edited, before: { properties: { minTlsVersion: '1.0', publicNetworkAccess: 'Enabled' } } };
    // Inserted: a fix the tool never made, for Redis, given the seal of a real record at a taken position.
    const redis = lines.find((r) => r.resourceId === REDIS_ID) as AuditRecord;
    const inserted = { ...auditRecord({ resourceId: REDIS_ID, control: 'redis-min-tls', time: minute(12) }), integrity: redis.integrity };
    await writeLines(path, [...lines.map((r) => (r === edited ? tampered : r)).filter((r) => r !== deleted), inserted]);

    const report = await verifyFile(path);
    expect(report.intact).toBe(false);
    expect(report.findings).toHaveLength(3);
    expect(report.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'edited', recordId: edited.id, seq: 2, detail: expect.stringMatching(/no longer matches its seal/) }),
      expect.objectContaining({ kind: 'deleted', resourceId: SHOP_SITE_ID, seq: 3, detail: expect.stringMatching(/record seq 3 of .*contoso-shop's chain is missing/) }),
      expect.objectContaining({ kind: 'inserted', recordId: inserted.id, seq: 1, detail: expect.stringMatching(`claims seq 1 .* which record ${redis.id} holds`) }),
    ]));
    expect(report.verdicts.get(edited.id)).toBe('edited');
    expect(report.verdicts.get(inserted.id)).toBe('inserted');
    expect(report.verdicts.get(shop[3].id)).toBe('intact');
  });

  it('finds records deleted from the start of a chain and a run of them in the middle', async () => {
    const { path, lines } = await keyedLog();
    const shop = shopLines(lines);
    await writeLines(path, lines.filter((r) => r !== shop[0] && r !== shop[2] && r !== shop[3]));
    const report = await verifyFile(path);
    expect(report.findings.map((f) => [f.kind, f.seq, f.detail])).toEqual([
      ['deleted', 1, expect.stringMatching(/seq 1 of/)],
      ['deleted', 3, expect.stringMatching(/records seq 3–4 .* \(2 deleted\)/)],
    ]);
  });

  it('finds a forged record sealed without the key (a downgrade) and one sealed with another key', async () => {
    const { path, lines } = await keyedLog();
    const shop = shopLines(lines);
    const head = shop[4].integrity;
    // Someone who can write the log but lacks the key seals a record correctly with plain sha256.
    const forged = sealRecord(auditRecord({ time: minute(20) }), { chain: chainOf(SHOP_SITE_ID), seq: (head?.seq ?? 0) + 1, prev: head?.hash ?? null }, undefined);
    const otherKey = sealRecord(auditRecord({ resourceId: STORAGE_ID, control: 'storage-https-only', time: minute(21) }), { chain: chainOf(STORAGE_ID), seq: 2, prev: lines[1].integrity?.hash ?? null }, new AuditKey('not-this-deployment-key-0123456789abcdef'));
    await writeLines(path, [...lines, forged, otherKey]);
    const report = await verifyFile(path);
    expect(report.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'inserted', recordId: forged.id, detail: expect.stringMatching(/without a key after keyed records .* \(a downgrade\)/) }),
      expect.objectContaining({ kind: 'unverifiable', detail: expect.stringMatching(/1 record\(s\) are sealed with audit key [0-9a-f]{16}, not with the key given/) }),
    ]));
    expect(report.verdicts.get(otherKey.id)).toBe('unverifiable');
  });

  it('without the key still finds gaps and broken links, and says keyed seals are unverifiable', async () => {
    const { path, lines } = await keyedLog();
    const shop = shopLines(lines);
    await writeLines(path, lines.filter((r) => r !== shop[1]));
    const report = await verifyFile(path, null);
    expect(report.findings.map((f) => f.kind).sort()).toEqual(['deleted', 'unverifiable']);
    expect(report.findings.find((f) => f.kind === 'unverifiable')?.detail).toMatch(/6 record\(s\) .* set TRANSIT_WARDEN_AUDIT_KEY/);
  });

  it('reads records from before chaining as unchained, not tampered, but names an unsealed record dated after the chain began', async () => {
    const legacy = [auditRecord({ time: minute(0) }), auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls', time: minute(1) })];
    const store = new MemoryAuditStore(legacy, { key: KEY });
    await store.append([auditRecord({ control: 'appservice-min-tls', time: minute(5) })]);
    const intact = verifyLog(await store.scan(), KEY);
    expect(intact).toMatchObject({ intact: true, unchained: 2, sealed: 1, notes: [expect.objectContaining({ kind: 'unchained' })] });
    expect(intact.verdicts.get(legacy[0].id)).toBe('unchained');

    const late = auditRecord({ control: 'appservice-ftps-only', time: minute(9) });
    const planted = verifyLog({ records: [...(await store.scan()).records, late], findings: [] }, KEY);
    expect(planted.findings).toEqual([expect.objectContaining({ kind: 'inserted', recordId: late.id, detail: expect.stringMatching(/unsealed but dated .* after .* chain began/) })]);
  });

  it('reports a fork of two writers as a fork, not as tampering', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tw-verify-fork-'));
    folders.push(folder);
    const path = join(folder, 'audit.jsonl');
    const first = auditRecord({ time: minute(0) });
    await new JsonlAuditStore(path, { key: KEY }).append([first]);
    // Two processes that each read the file once, then append for the same resource at the same instant.
    const [a, b] = [new JsonlAuditStore(path, { key: KEY }), new JsonlAuditStore(path, { key: KEY })];
    await Promise.all([a.has(first.id), b.has(first.id)]);
    const sealedA = sealRecord(auditRecord({ time: minute(1) }), { chain: chainOf(SHOP_SITE_ID), seq: 2, prev: (await a.get(first.id))?.integrity?.hash ?? null }, KEY);
    const sealedB = sealRecord(auditRecord({ control: 'appservice-min-tls', time: minute(1) }), { chain: chainOf(SHOP_SITE_ID), seq: 2, prev: sealedA.integrity?.prev ?? null }, KEY);
    await writeLines(path, [...(await readLines(path)), sealedA, sealedB]);
    // The next append (which re-reads the file) continues after the fork.
    const [next] = (await a.append([auditRecord({ control: 'appservice-ftps-only', time: minute(2) })])).inserted;
    expect(next.integrity).toMatchObject({ seq: 3, prev: sealedA.integrity?.hash });

    const report = await verifyFile(path);
    expect(report).toMatchObject({ intact: true, findings: [] });
    expect(report.notes).toEqual([expect.objectContaining({ kind: 'fork', seq: 2, detail: expect.stringContaining(`${sealedA.id}, ${sealedB.id}`) })]);
  });

  it('names damaged lines and a second line for an id with other content; an exact repeat is a note', async () => {
    const { path, lines } = await keyedLog();
    const replay = { ...lines[0], reason: 'replayed with another reason' };
    await writeLines(path, [...lines, '{"not":"a record"}', lines[2], replay]);
    const report = await verifyFile(path);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'damaged', detail: expect.stringMatching(/line 8: not a JSON audit record/) }),
      expect.objectContaining({ kind: 'inserted', recordId: lines[0].id, detail: expect.stringMatching(/second record with id .* different content/) }),
    ]);
    expect(report.notes).toEqual([expect.objectContaining({ kind: 'duplicate', recordId: lines[2].id })]);
  });

  it('names a seal too malformed to place as an edit, and a record sealed into another resource\'s chain as inserted', async () => {
    const { path, lines } = await keyedLog();
    const broken = { ...lines[0], integrity: { v: 1 } } as unknown as AuditRecord;
    const moved = sealRecord(auditRecord({ resourceId: REDIS_ID, control: 'redis-min-tls', time: minute(30) }), { chain: chainOf(STORAGE_ID), seq: 2, prev: lines[1].integrity?.hash ?? null }, KEY);
    await writeLines(path, [broken, ...lines.slice(1), moved]);
    const report = await verifyFile(path);
    expect(report.findings).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'edited', recordId: broken.id, detail: expect.stringMatching(/malformed seal/) }),
      expect.objectContaining({ kind: 'inserted', recordId: moved.id, detail: expect.stringMatching(/sealed into another resource's chain/) }),
    ]));
  });
});
