import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonlAuditStore } from '../../src/audit/jsonl-store';
import { auditRecord, unsealed } from '../fixtures/audit';
import { auditStoreContract } from './store-contract';

const folders: string[] = [];
async function tempFile(name = 'audit.jsonl'): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'tw-jsonl-'));
  folders.push(folder);
  return join(folder, name);
}
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

auditStoreContract('JsonlAuditStore', async (key) => new JsonlAuditStore(await tempFile(), { fsync: false, key }));

describe('JsonlAuditStore', () => {
  it('writes one JSON line per record and creates the parent folder', async () => {
    const path = join(await tempFile(), '..', 'nested', 'deeper', 'audit.jsonl');
    const store = new JsonlAuditStore(path);
    const records = [auditRecord(), auditRecord({ control: 'appservice-min-tls' })];
    await store.append(records);
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(unsealed(lines.slice(0, 2).map((line) => JSON.parse(line)))).toEqual(records);
  });

  it('finds records written before it was opened', async () => {
    const path = await tempFile();
    const record = auditRecord();
    await new JsonlAuditStore(path).append([record]);
    const reopened = new JsonlAuditStore(path);
    expect(await reopened.has(record.id)).toBe(true);
    expect(unsealed(await reopened.get(record.id))).toEqual(record);
    expect((await reopened.append([record])).duplicates).toEqual([record]);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('sees records another writer appended to the same file', async () => {
    const path = await tempFile();
    const reader = new JsonlAuditStore(path);
    expect(await reader.query({})).toEqual([]);
    const record = auditRecord();
    await new JsonlAuditStore(path).append([record]);
    expect(await reader.has(record.id)).toBe(true);
  });

  it('skips a partially written last line, reports it, and keeps every earlier line', async () => {
    const path = await tempFile();
    const kept = [auditRecord(), auditRecord()];
    await new JsonlAuditStore(path).append(kept);
    await appendFile(path, JSON.stringify(auditRecord()).slice(0, 57));
    const store = new JsonlAuditStore(path);
    expect(unsealed(await store.query({}))).toEqual(kept);
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]).toMatch(/unterminated last line/);

    const next = auditRecord({ control: 'appservice-ftps-only' });
    expect(unsealed((await store.append([next])).inserted)).toEqual([next]);
    const reopened = new JsonlAuditStore(path);
    expect(unsealed(await reopened.query({}))).toEqual([...kept, next]);
    expect(reopened.warnings).toEqual([expect.stringMatching(/line 3: not a JSON audit record/)]);
  });

  it('keeps a complete last record whose newline never reached the disk', async () => {
    const path = await tempFile();
    const record = auditRecord();
    await writeFile(path, JSON.stringify(record));
    const store = new JsonlAuditStore(path);
    expect(await store.get(record.id)).toEqual(record);
    const next = auditRecord();
    await store.append([next]);
    expect(unsealed((await readFile(path, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l)))).toEqual([record, next]);
    expect(store.warnings).toEqual([]);
  });

  it('serializes concurrent appends so lines never interleave and no id is written twice', async () => {
    const path = await tempFile();
    const store = new JsonlAuditStore(path, { fsync: false });
    const records = Array.from({ length: 50 }, () => auditRecord({ before: { blob: 'x'.repeat(2000) } }));
    const results = await Promise.all([...records, ...records.slice(0, 10)].map((record) => store.append([record])));
    expect(results.flatMap((r) => r.inserted)).toHaveLength(50);
    expect(results.flatMap((r) => r.duplicates)).toHaveLength(10);
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(50);
    expect(new Set(lines.map((line) => (JSON.parse(line) as { id: string }).id)).size).toBe(50);
  });

  it('reports a damaged line in the middle and a repeated id without losing the rest', async () => {
    const path = await tempFile();
    const [a, b] = [auditRecord(), auditRecord()];
    await writeFile(path, `${JSON.stringify(a)}\n{"not":"a record"}\n${JSON.stringify(b)}\n${JSON.stringify({ ...a, reason: 'again' })}\n`);
    const store = new JsonlAuditStore(path);
    expect(await store.query({})).toEqual([a, b]);
    expect(store.warnings).toEqual([
      expect.stringMatching(/line 2: not a JSON audit record/),
      expect.stringMatching(/line 4: record [0-9a-f]+ appears again, kept the first/),
    ]);
  });

  it('reads the first record of a file that starts with a UTF-8 byte-order mark, terminated or not', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const first = auditRecord();
    const second = auditRecord();
    const path = await tempFile();
    await writeFile(path, Buffer.concat([bom, Buffer.from(`${JSON.stringify(first)}\n${JSON.stringify(second)}\n`)]));
    const store = new JsonlAuditStore(path);
    expect(await store.query({})).toEqual([first, second]);
    expect(store.warnings).toEqual([]);
    const unterminated = await tempFile();
    await writeFile(unterminated, Buffer.concat([bom, Buffer.from(JSON.stringify(first))]));
    const reader = new JsonlAuditStore(unterminated);
    expect(await reader.get(first.id)).toEqual(first);
    await reader.append([second]);
    expect(unsealed(await new JsonlAuditStore(unterminated).query({}))).toEqual([first, second]);
  });

  it('refuses an empty path at construction', () => {
    expect(() => new JsonlAuditStore('')).toThrow(/non-empty/);
  });
});

describe('JSONL store on a full disk', () => {
  it('fails the append, rather than reporting records stored that were cut off, when the file cannot grow', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tw-jsonl-full-'));
    const root = join(__dirname, '../..');
    const script = join(dir, 'append.ts');
    // A child process whose file-size limit (ulimit -f, in KiB) is smaller than the batch: the
    // kernel stops the write short (EFBIG), as a full disk (ENOSPC) would.
    await writeFile(script, `
      import { JsonlAuditStore } from ${JSON.stringify(join(root, 'src/audit/jsonl-store.ts'))};
      import { auditRecord } from ${JSON.stringify(join(root, 'test/fixtures/audit.ts'))};
      const store = new JsonlAuditStore(${JSON.stringify(join(dir, 'audit.jsonl'))});
      const batch = Array.from({ length: 8 }, () => auditRecord());
      store.append(batch).then(
        (r) => console.log(JSON.stringify({ inserted: r.inserted.length })),
        (e) => console.log(JSON.stringify({ code: e.code })),
      );
    `);
    const { execFile } = await import('node:child_process');
    const out = await new Promise<string>((resolve, reject) =>
      execFile('bash', ['-c', `ulimit -f 2 && exec "${process.execPath}" --import tsx "${script}"`], { cwd: root }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')).toEqual({ code: 'AUDIT_STORE_FAILED' });
    await rm(dir, { recursive: true, force: true });
  });
});
