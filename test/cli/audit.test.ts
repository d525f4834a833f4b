import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const ESTATE = path.resolve(__dirname, '../../examples/estate.json');

async function sandboxAudit() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-audit-'));
  const audit = path.join(dir, 'audit.jsonl');
  const out = path.join(dir, 'estate-after.json');
  const run = await runCli(['sandbox', '--estate', ESTATE, '--sweep', '--mode', 'enforce', '--audit-file', audit, '--out', out]);
  expect(run.code).toBe(0);
  return { dir, audit, out };
}

describe('transit-warden audit', () => {
  it('filters a sandbox run\'s audit and exports it as CSV with the DESIGN fields', async () => {
    const { audit } = await sandboxAudit();
    const result = await runCli(['audit', '--audit-file', audit, '--outcome', 'fixed', '--format', 'csv']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^id,time,trigger,eventId,correlationId,actor,subscriptionId,resourceId,resourceType,control,outcome,reason,before,after,verified,mode,durationMs,version/);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.slice(1).every((line) => line.includes(',fixed,'))).toBe(true);
  });

  it('summarises counts by control and outcome', async () => {
    const { audit } = await sandboxAudit();
    const result = await runCli(['audit', '--audit-file', audit, '--summary', '--format', 'json']);
    const { summary } = JSON.parse(result.stdout);
    expect(summary.total).toBeGreaterThan(0);
    expect(summary.counts.fixed).toBeGreaterThan(0);
  });

  it('writes the self-contained review page with --html', async () => {
    const { dir, audit } = await sandboxAudit();
    const html = path.join(dir, 'report.html');
    const result = await runCli(['audit', '--audit-file', audit, '--html', html]);
    expect(result.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain('Content-Security-Policy');
  });

  it('exits 2 on a bad filter or a missing store, naming the problem', async () => {
    const { audit } = await sandboxAudit();
    const badTime = await runCli(['audit', '--audit-file', audit, '--since', 'yesterday']);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toMatch(/since/);
    expect((await runCli(['audit', '--outcome', 'fixed'])).stderr).toMatch(/--audit-file FILE .* --table-url URL/);
    expect((await runCli(['audit', '--audit-file', '/nonexistent/audit.jsonl'])).stderr).toMatch(/no audit file/);
    expect((await runCli(['audit', '--audit-file', audit, '--outcome', 'great'])).code).toBe(2);
  });
});

describe('transit-warden undo in the sandbox', () => {
  it('restores one fix in the estate and refuses to undo it twice', async () => {
    const { dir, audit, out } = await sandboxAudit();
    const records = readFileSync(audit, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const fix = records.find((r) => r.control === 'storage-min-tls' && r.outcome === 'fixed');
    const after = path.join(dir, 'estate-undone.json');

    const result = await runCli(['undo', fix.id, '--audit-file', audit, '--estate', out, '--out', after]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/restored properties.minimumTlsVersion="TLS1_0"/);
    expect(result.stdout).toMatch(/transit-warden-exempt=storage-min-tls/);
    const account = JSON.parse(readFileSync(after, 'utf8')).find((o: { id: string }) => o.id === fix.resourceId);
    expect(account.properties.minimumTlsVersion).toBe('TLS1_0');

    const again = await runCli(['undo', fix.id, '--audit-file', audit, '--estate', after]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already undone/);
  });

  it('refuses --out without --estate', async () => {
    const { audit } = await sandboxAudit();
    const result = await runCli(['undo', 'x', '--audit-file', audit, '--out', path.join(tmpdir(), 'never.json')]);
    expect(result.code).toBe(2);
    expect(existsSync(path.join(tmpdir(), 'never.json'))).toBe(false);
  });
});

describe('what the JSONL audit store skipped is said', () => {
  it('prints each damaged or duplicate line as a warning and still lists the records', async () => {
    const { audit } = await sandboxAudit();
    const lines = readFileSync(audit, 'utf8').trim().split('\n');
    writeFileSync(audit, [lines[0], 'this line is not JSON', ...lines.slice(1), lines[0], ''].join('\n'));
    const result = await runCli(['audit', '--audit-file', audit, '--summary', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary.total).toBe(lines.length);
    expect(result.stderr).toMatch(/warning: .*audit\.jsonl line 2: not a JSON audit record/);
    expect(result.stderr).toMatch(new RegExp(`warning: .*line ${lines.length + 2}: record ${JSON.parse(lines[0]).id} appears again`));
  });

  it('refuses a file that is not an audit log (exit 2) instead of saying no records match', async () => {
    const result = await runCli(['audit', '--audit-file', ESTATE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/estate\.json is not an audit log: no line of it is an audit record.*\[INVALID_INPUT\]/);
    expect(result.stdout).toBe('');
  });

  it('refuses it in undo too', async () => {
    const result = await runCli(['undo', 'some-record', '--audit-file', ESTATE, '--estate', ESTATE, '--out', path.join(mkdtempSync(path.join(tmpdir(), 'tw-undo-')), 'x.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is not an audit log/);
  });

  it('still reads an empty audit file as an empty log', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tw-audit-')), 'empty.jsonl');
    writeFileSync(file, '');
    const result = await runCli(['audit', '--audit-file', file, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});
