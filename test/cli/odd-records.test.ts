/**
 * A JSONL audit file is text anyone with access can edit: every field of a record may hold any JSON.
 * `audit` (each format and the summary), the review page and undo must show such a record with a
 * warning naming the field, or refuse it with a coded error — never crash with a TypeError.
 */
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readRecord } from '../../src/audit/well-formed';
import { runCli } from '../helpers/cli';

const ESTATE = path.resolve(__dirname, '../../examples/estate.json');
const ODD_VALUES: unknown[] = [42, -1.5, true, null, [], ['x', 1], {}, { nested: { deep: [null] } }, '', 'yesterday'];
/** Every field of the DESIGN record plus the exemption detail; the key fields must stay strings. */
const FIELDS = ['trigger', 'eventId', 'correlationId', 'actor', 'subscriptionId', 'resourceType', 'reason', 'before', 'after', 'verified', 'mode', 'durationMs', 'version', 'exemption'];

let dir: string;
let audit: string;
let estateAfter: string;
const oddIds: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tw-odd-'));
  audit = path.join(dir, 'audit.jsonl');
  estateAfter = path.join(dir, 'estate-after.json');
  const run = await runCli(['sandbox', '--estate', ESTATE, '--sweep', '--mode', 'enforce', '--audit-file', audit, '--out', estateAfter]);
  expect(run.code).toBe(0);
  const fixed = readFileSync(audit, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).find((r) => r.outcome === 'fixed');
  expect(fixed).toBeDefined();
  const lines: string[] = [];
  for (const field of FIELDS) {
    ODD_VALUES.forEach((value, i) => {
      const id = `odd-${field}-${i}`;
      oddIds.push(id);
      lines.push(JSON.stringify({ ...fixed, id, [field]: value }));
    });
  }
  appendFileSync(audit, `${lines.join('\n')}\n`);
});

describe('records with any JSON in any field', () => {
  it.each(['table', 'json', 'csv'])('audit --format %s lists every one of them and warns for each repaired field', async (format) => {
    const result = await runCli(['audit', '--audit-file', audit, '--format', format, '--limit', '5000']);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect(result.code).toBe(0);
    // The table has no id column: count its rows instead (the odd reasons show as their JSON text).
    if (format === 'table') expect(result.stdout).toContain('{"nested":{"deep":[null]}}');
    else for (const id of oddIds) expect(result.stdout).toContain(id);
    // A string where a string belongs, JSON null where null is allowed and any JSON in before/after are
    // not problems; every other odd value is named.
    expect(result.stderr).toMatch(/record odd-reason-0: reason \(a number\) not of the audit record's type/);
    expect(result.stderr).toMatch(/record odd-actor-6: actor \(an object\)/);
    expect(result.stderr).toMatch(/record odd-verified-9: verified \(a string\)/);
    expect(result.stderr).toMatch(/record odd-durationMs-1: durationMs \(a number\)/);
    expect(result.stderr).toMatch(/record odd-exemption-2: exemption \(a boolean\)/);
    expect(result.stderr).not.toMatch(/record odd-before-\d/);
    expect(result.stderr).not.toMatch(/record odd-actor-3:/);
  });

  it('shows a non-text value as its JSON text, a bad number as 0 and a bad flag as null', async () => {
    const result = await runCli(['audit', '--audit-file', audit, '--format', 'json', '--limit', '5000']);
    const { records } = JSON.parse(result.stdout) as { records: { id: string; reason: string; durationMs: number; verified: unknown }[] };
    const byId = new Map(records.map((r) => [r.id, r]));
    expect(byId.get('odd-reason-7')?.reason).toBe('{"nested":{"deep":[null]}}');
    expect(byId.get('odd-reason-5')?.reason).toBe('["x",1]');
    expect(byId.get('odd-durationMs-1')?.durationMs).toBe(0);
    expect(byId.get('odd-verified-0')?.verified).toBeNull();
    expect(records.filter((r) => r.id.startsWith('odd-'))).toHaveLength(oddIds.length);
  });

  it('summarises them and writes the review page', async () => {
    const summary = await runCli(['audit', '--audit-file', audit, '--summary']);
    expect(summary.stderr).not.toMatch(/unexpected error/);
    expect(summary.code).toBe(0);
    const html = path.join(dir, 'review.html');
    const page = await runCli(['audit', '--audit-file', audit, '--html', html]);
    expect(page.stderr).not.toMatch(/unexpected error/);
    expect(page.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('odd-reason-7');
  });

  it('undo refuses each (a copy planted in the chain fails verification), with its reason, never a crash', async () => {
    for (const id of oddIds) {
      const result = await runCli(['undo', id, '--audit-file', audit, '--estate', estateAfter, '--out', path.join(dir, `${id}.json`)]);
      expect(result.stderr, id).not.toMatch(/unexpected error|TypeError/);
      expect(result.code, id).toBe(1);
      expect(result.stderr, id).toMatch(new RegExp(`undo refused \\(TAMPERED\\): record ${id} fails verification`));
    }
  });

  it('is not a record without its key fields as text', () => {
    expect(readRecord({ id: 'a', time: 5, resourceId: 'r', control: 'c', outcome: 'fixed' })).toBeUndefined();
    expect(readRecord({ id: '', time: 't', resourceId: 'r', control: 'c', outcome: 'fixed' })).toBeUndefined();
    expect(readRecord(['not', 'an', 'object'])).toBeUndefined();
    const read = readRecord({ id: 'a', time: 't', resourceId: 'r', control: 'c', outcome: 'from-a-newer-version', extra: 1 });
    // Unknown outcomes and fields this version does not know are kept; missing fields are named.
    expect(read?.record).toMatchObject({ outcome: 'from-a-newer-version', extra: 1, reason: '', before: null, verified: null, durationMs: 0 });
    expect(read?.repaired).toContain('reason (missing)');
  });
});
