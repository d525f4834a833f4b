/**
 * Inputs far larger than a unit test's: a spread of 100,000+ call arguments (`push(...rows)`,
 * `Math.max(...widths)`) overflowed V8's stack in `check`, `audit` and `sandbox`; these run the real
 * commands (or, for sandbox, its real output path) at 200,000 and check they answer normally.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { appendAll, maxOf } from '../../src/collections';
import { formatRun } from '../../src/cli/sandbox-command';
import { readBoundedText } from '../../src/cli/io';
import { renderTable } from '../../src/cli/table';
import { storageAccount } from '../fixtures/arm';
import { auditRecord, STORAGE_ID } from '../fixtures/audit';
import { runCli } from '../helpers/cli';

const LARGE = 200_000;

describe('collections at sizes a spread cannot take', () => {
  it('appends and takes the maximum of 200,000 items', () => {
    const items = Array.from({ length: LARGE }, (_, i) => i);
    expect(() => [].push(...(Array.from({ length: 2_000_000 }, () => 0) as never[]))).toThrow(RangeError);
    expect(appendAll([-1], items)).toHaveLength(LARGE + 1);
    expect(maxOf(items)).toBe(LARGE - 1);
    expect(maxOf([], 7)).toBe(7);
    expect(renderTable(['N'], items.map((i) => [String(i)])).split('\n')).toHaveLength(LARGE + 3);
  });
});

describe('commands over 200,000 inputs', () => {
  it('check: judges 200,000 storage accounts and prints the table', async () => {
    const estate = Array.from({ length: LARGE }, (_, i) => storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: `st${String(i).padStart(8, '0')}` }));
    const result = await runCli(['check'], JSON.stringify(estate));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout.match(/FAIL\s+storage-min-tls/g)?.length).toBe(LARGE);
  }, 240_000);

  it('audit: lists 200,000 records from a JSONL file as a table', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-large-'));
    const file = path.join(dir, 'audit.jsonl');
    const records = Array.from({ length: LARGE }, () => auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls' }));
    writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const result = await runCli(['audit', '--audit-file', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/storage-min-tls/g)?.length).toBe(LARGE);
  }, 240_000);

  it('sandbox: formats a run of 200,000 records', () => {
    const records = Array.from({ length: LARGE }, () => auditRecord({ outcome: 'fixed' }));
    const sandbox = { counts: () => ({ reads: LARGE, writes: LARGE, polls: 0 }) };
    const text = formatRun({ records, sandbox } as unknown as Parameters<typeof formatRun>[0], 'enforce');
    expect(text).toContain(`${LARGE} audit records`);
    expect(text.match(/appservice-https-only/g)?.length).toBe(LARGE);
  });
});

describe('input bounds', () => {
  it('refuses input over the limit before reading it all, naming the limit', async () => {
    let served = 0;
    const endless = new Readable({ read() { served += 1; this.push(Buffer.alloc(1024, 0x20)); } });
    await expect(readBoundedText(endless, 'big.json', 64 * 1024)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'big.json is larger than the input limit of 65536 bytes' });
    expect(served).toBeLessThan(100);
  });

  it('refuses binary data at its first chunk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-binary-'));
    const file = path.join(dir, 'random.bin');
    writeFileSync(file, Buffer.from([0x7b, 0x00, 0xff, 0x10]));
    const result = await runCli(['check', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/holds binary data \(a NUL byte\), not JSON text \[INVALID_INPUT\]/);
  });
});
