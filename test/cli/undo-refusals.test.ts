import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditRecord } from '../../src/audit/record';
import { runCli } from '../helpers/cli';

const ESTATE = path.resolve(__dirname, '../../examples/estate.json');
const KEY = 'cli-undo-test-audit-key-0123456789abcdef';

beforeEach(() => {
  vi.stubEnv('TRANSIT_WARDEN_AUDIT_KEY', KEY);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function sandboxLog() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-undo-refusal-'));
  const audit = path.join(dir, 'audit.jsonl');
  const estate = path.join(dir, 'estate-after.json');
  const run = await runCli(['sandbox', '--estate', ESTATE, '--sweep', '--mode', 'enforce', '--audit-file', audit, '--out', estate]);
  expect(run.code).toBe(0);
  const records = readFileSync(audit, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditRecord);
  const fix = records.find((r) => r.control === 'storage-min-tls' && r.outcome === 'fixed') as AuditRecord;
  return { dir, audit, estate, records, fix, out: path.join(dir, 'estate-undone.json') };
}

describe('transit-warden undo refuses what the audit log does not vouch for', () => {
  it('exits 1 on a fix forged for an account the tool never fixed, naming the reason, and does not set it to TLS 1.0', async () => {
    const { audit, estate, records, fix, out } = await sandboxLog();
    // contosobackups holds TLS1_2 and the sweep left no record of it at all.
    const neverFixed = fix.resourceId.replace(/\/contososhopdata$/, '/contosobackups');
    expect(neverFixed).not.toBe(fix.resourceId);
    expect(records.some((r) => r.resourceId === neverFixed)).toBe(false);
    const { integrity: _integrity, ...content } = fix;
    const forged = { ...content, id: 'f'.repeat(32), resourceId: neverFixed, before: { properties: { minimumTlsVersion: 'TLS1_0' } } };
    appendFileSync(audit, `${JSON.stringify(forged)}\n`);

    const result = await runCli(['undo', forged.id, '--audit-file', audit, '--estate', estate, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/undo refused \(NO_VERIFIED_FIX\): the log shows no verified fix of storage-min-tls on .*\/contosobackups: /);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 1 on a fix edited to carry a wider before (TAMPERED)', async () => {
    const { audit, estate, records, fix, out } = await sandboxLog();
    const edited = records.map((r) => (r.id === fix.id ? { ...r, before: { properties: { minimumTlsVersion: 'TLS1_0', allowBlobPublicAccess: true } } } : r));
    writeFileSync(audit, edited.map((r) => `${JSON.stringify(r)}\n`).join(''));

    const result = await runCli(['undo', fix.id, '--audit-file', audit, '--estate', estate, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/undo refused \(TAMPERED\): record [0-9a-f]+ fails verification \(edited\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 1 on a keyed log without TRANSIT_WARDEN_AUDIT_KEY, warning first (UNVERIFIABLE)', async () => {
    const { audit, estate, fix, out } = await sandboxLog();
    vi.stubEnv('TRANSIT_WARDEN_AUDIT_KEY', '');
    const result = await runCli(['undo', fix.id, '--audit-file', audit, '--estate', estate, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warning: TRANSIT_WARDEN_AUDIT_KEY is not set/);
    expect(result.stderr).toMatch(/undo refused \(UNVERIFIABLE\): .*which this run does not hold/);
  });

  it('undoes the genuine fix with the key (exit 0)', async () => {
    const { audit, estate, fix, out } = await sandboxLog();
    const result = await runCli(['undo', fix.id, '--audit-file', audit, '--estate', estate, '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const account = JSON.parse(readFileSync(out, 'utf8')).find((o: { id: string }) => o.id === fix.resourceId);
    expect(account.properties.minimumTlsVersion).toBe('TLS1_0');
  });
});
