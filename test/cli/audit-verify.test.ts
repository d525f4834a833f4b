import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditRecord } from '../../src/audit/record';
import { runCli } from '../helpers/cli';

const ESTATE = path.resolve(__dirname, '../../examples/estate.json');
const KEY = 'cli-verify-test-audit-key-0123456789abcdef';

beforeEach(() => {
  vi.stubEnv('TRANSIT_WARDEN_AUDIT_KEY', KEY);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function sandboxLog(): Promise<{ dir: string; audit: string; records: AuditRecord[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-verify-cli-'));
  const audit = path.join(dir, 'audit.jsonl');
  const run = await runCli(['sandbox', '--estate', ESTATE, '--sweep', '--mode', 'enforce', '--audit-file', audit]);
  expect(run.code).toBe(0);
  return { dir, audit, records: readRecords(audit) };
}

function readRecords(file: string): AuditRecord[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditRecord);
}

function writeRecords(file: string, records: readonly AuditRecord[]): void {
  writeFileSync(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
}

describe('transit-warden audit verify', () => {
  it('exits 0 on the log a sandbox run wrote, every record sealed with the key', async () => {
    const { audit, records } = await sandboxLog();
    expect(records.length).toBeGreaterThan(10);
    expect(records.every((r) => r.integrity?.alg === 'hmac-sha256')).toBe(true);
    const result = await runCli(['audit', 'verify', '--audit-file', audit]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`audit verify: ${records.length} records, \\d+ chains; sealed ${records.length} \\(${records.length} with an audit key, 0 plain sha256\\), unchained 0; verified with key [0-9a-f]{16}`));
    expect(result.stdout).toMatch(/^INTACT/m);
  });

  it('exits 1 and names an edited, a deleted and an inserted record', async () => {
    const { audit, records } = await sandboxLog();
    // The site with the longest chain: edit its second record, delete its third.
    const bySite = new Map<string, AuditRecord[]>();
    for (const r of records) bySite.set(r.resourceId, [...(bySite.get(r.resourceId) ?? []), r]);
    const chain = [...bySite.values()].sort((a, b) => b.length - a.length)[0];
    expect(chain.length).toBeGreaterThanOrEqual(3);
    const edited = chain[1];
    const deleted = chain[2];
    const fixed = records.find((r) => r.outcome === 'fixed' && r.resourceId !== edited.resourceId) as AuditRecord;
    // A forged fix: a real record's seal on a made-up record for a resource the tool never fixed.
    const forged: AuditRecord = { ...fixed, id: 'f'.repeat(32), before: { properties: { minimumTlsVersion: 'TLS1_0' } }, reason: 'forged' };
    writeRecords(audit, [...records.filter((r) => r !== deleted).map((r) => (r === edited ? { ...r, reason: `${r.reason} (edited)` } : r)), forged]);

    const result = await runCli(['audit', 'verify', '--audit-file', audit]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^NOT INTACT: 3 problem\(s\):/m);
    expect(result.stdout).toMatch(new RegExp(`^  EDITED +record ${edited.id} \\(seq 2 of .*\\) no longer matches its seal`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^  DELETED +record seq 3 of ${escape(deleted.resourceId)}'s chain is missing`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^  INSERTED +record ${forged.id} claims seq ${fixed.integrity?.seq} .* which record ${fixed.id} holds`, 'm'));

    const json = await runCli(['audit', 'verify', '--audit-file', audit, '--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { intact: boolean; findings: { kind: string; recordId?: string; seq?: number }[]; heads: unknown[] };
    expect(report.intact).toBe(false);
    expect(report.findings.map((f) => [f.kind, f.recordId ?? `seq ${f.seq}`]).sort()).toEqual([
      ['deleted', 'seq 3'], ['edited', edited.id], ['inserted', forged.id],
    ].sort());
    expect(report.heads.length).toBeGreaterThan(1);
  });

  it('exits 1 without the key on a keyed log: the seals cannot be checked', async () => {
    const { audit } = await sandboxLog();
    vi.stubEnv('TRANSIT_WARDEN_AUDIT_KEY', '');
    const result = await runCli(['audit', 'verify', '--audit-file', audit]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/UNVERIFIABLE +\d+ record\(s\) are sealed with audit key [0-9a-f]{16}; set TRANSIT_WARDEN_AUDIT_KEY/);
  });

  it('takes the store option before or after `verify`', async () => {
    const { audit } = await sandboxLog();
    expect((await runCli(['audit', '--audit-file', audit, 'verify'])).code).toBe(0);
  });

  it.each([
    [['audit', 'verify'], /name the audit store/],
    [['audit', '--since', '2026-11-01', 'verify', '--audit-file', 'x.jsonl'], /checks the whole log: --since does not apply/],
    [['audit', 'verify', '--audit-file', '/nonexistent/audit.jsonl'], /no audit file/],
  ])('exits 2 on bad input: %j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 on a file that holds no audit record, and on a bad key', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-verify-bad-'));
    const notAudit = path.join(dir, 'estate.json');
    writeFileSync(notAudit, '[{"id":"x"}]\n');
    const result = await runCli(['audit', 'verify', '--audit-file', notAudit]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no audit record in this store/);
    vi.stubEnv('TRANSIT_WARDEN_AUDIT_KEY', 'too-short');
    const badKey = await runCli(['audit', 'verify', '--audit-file', notAudit]);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/TRANSIT_WARDEN_AUDIT_KEY must be at least 32 characters/);
    expect(badKey.stderr).not.toContain('too-short');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
