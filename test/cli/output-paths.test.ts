import { copyFileSync, existsSync, linkSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const ESTATE = path.resolve(__dirname, '../../examples/estate.json');
const EVENTS = path.resolve(__dirname, '../../examples/events.json');

/** A scratch directory with a copy of the example estate and events, and a sandbox run's audit log. */
async function scratch() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-paths-'));
  const estate = path.join(dir, 'estate.json');
  const events = path.join(dir, 'events.json');
  copyFileSync(ESTATE, estate);
  copyFileSync(EVENTS, events);
  const audit = path.join(dir, 'audit.jsonl');
  const out = path.join(dir, 'estate-after.json');
  const run = await runCli(['sandbox', '--estate', estate, '--sweep', '--mode', 'enforce', '--audit-file', audit, '--out', out]);
  expect(run.code).toBe(0);
  return { dir, estate, events, audit, out, snapshot: () => [estate, events, audit, out].map((f) => readFileSync(f, 'utf8')) };
}

function expectRefused(result: { code: number; stdout: string; stderr: string }, pattern: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/\[INVALID_INPUT\]/);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/unexpected error/);
}

describe('outputs that would overwrite an input are refused before anything is written', () => {
  it('audit --html naming the audit file', async () => {
    const s = await scratch();
    const before = s.snapshot();
    expectRefused(await runCli(['audit', '--audit-file', s.audit, '--html', s.audit]), /--html .* is the same file as --audit-file/);
    expect(s.snapshot()).toEqual(before);
  });

  it.each([
    ['--audit-file naming the estate', (s: Awaited<ReturnType<typeof scratch>>) => ['--estate', s.estate, '--sweep', '--audit-file', s.estate], /--audit-file .* is the same file as --estate/],
    ['--out naming the estate', (s: Awaited<ReturnType<typeof scratch>>) => ['--estate', s.estate, '--sweep', '--out', s.estate], /--out .* is the same file as --estate/],
    ['--out naming the events', (s: Awaited<ReturnType<typeof scratch>>) => ['--estate', s.estate, '--events', s.events, '--out', s.events], /--out .* is the same file as --events/],
    ['--out naming the audit file', (s: Awaited<ReturnType<typeof scratch>>) => ['--estate', s.estate, '--sweep', '--audit-file', s.audit, '--out', s.audit], /--out .* is the same file as --audit-file/],
  ])('sandbox %s', async (_, args, pattern) => {
    const s = await scratch();
    const before = s.snapshot();
    expectRefused(await runCli(['sandbox', ...args(s), '--mode', 'enforce']), pattern);
    expect(s.snapshot()).toEqual(before);
  });

  it('sandbox --out and --audit-file naming one new file, relatively and absolutely', async () => {
    const s = await scratch();
    const fresh = path.join(s.dir, 'new.json');
    expectRefused(await runCli(['sandbox', '--estate', s.estate, '--sweep', '--audit-file', path.relative(process.cwd(), fresh), '--out', fresh]), /same file/);
    expect(existsSync(fresh)).toBe(false);
  });

  it('through a symbolic link or a hard link', async () => {
    const s = await scratch();
    const symlink = path.join(s.dir, 'link.jsonl');
    const hardlink = path.join(s.dir, 'hard.jsonl');
    symlinkSync(s.audit, symlink);
    linkSync(s.audit, hardlink);
    const before = s.snapshot();
    expectRefused(await runCli(['audit', '--audit-file', s.audit, '--html', symlink]), /same file/);
    expectRefused(await runCli(['audit', '--audit-file', s.audit, '--html', hardlink]), /same file/);
    expect(s.snapshot()).toEqual(before);
  });

  it.each([
    ['the estate', (s: Awaited<ReturnType<typeof scratch>>) => s.out, /--out .* is the same file as --estate/],
    ['the audit file', (s: Awaited<ReturnType<typeof scratch>>) => s.audit, /--out .* is the same file as --audit-file/],
  ])('undo --out naming %s', async (_, target, pattern) => {
    const s = await scratch();
    const fix = readFileSync(s.audit, 'utf8').trim().split('\n').map((line) => JSON.parse(line)).find((r) => r.outcome === 'fixed');
    const before = s.snapshot();
    expectRefused(await runCli(['undo', fix.id, '--audit-file', s.audit, '--estate', s.out, '--out', target(s)]), pattern);
    expect(s.snapshot()).toEqual(before);
  });
});

describe('an output directory that does not exist is refused before any work', () => {
  it('sandbox --out: no audit record is appended', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-paths-'));
    const audit = path.join(dir, 'audit.jsonl');
    const result = await runCli(['sandbox', '--estate', ESTATE, '--sweep', '--mode', 'enforce', '--audit-file', audit, '--out', path.join(dir, 'missing', 'x.json')]);
    expectRefused(result, /--out .*x\.json: the directory .*missing does not exist/);
    expect(result.stdout).toBe('');
    expect(existsSync(audit)).toBe(false);
  });

  it('sandbox --out naming a directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-paths-'));
    expectRefused(await runCli(['sandbox', '--estate', ESTATE, '--sweep', '--audit-file', path.join(dir, 'a.jsonl'), '--out', dir]), /is a directory/);
    expect(existsSync(path.join(dir, 'a.jsonl'))).toBe(false);
  });

  it('audit --html', async () => {
    const s = await scratch();
    expectRefused(await runCli(['audit', '--audit-file', s.audit, '--html', path.join(s.dir, 'missing', 'r.html')]), /--html .*: the directory .* does not exist/);
  });

  it('undo --out: nothing is undone and no undo record is appended', async () => {
    const s = await scratch();
    const fix = readFileSync(s.audit, 'utf8').trim().split('\n').map((line) => JSON.parse(line)).find((r) => r.outcome === 'fixed');
    const before = s.snapshot();
    expectRefused(await runCli(['undo', fix.id, '--audit-file', s.audit, '--estate', s.out, '--out', path.join(s.dir, 'missing', 'u.json')]), /does not exist/);
    expect(s.snapshot()).toEqual(before);
  });
});
