import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, formatRecords, formatSummary, summarize } from '../../src/audit/format';
import type { Outcome } from '../../src/audit/record';
import { auditRecord, SHOP_SLOT_ID, STORAGE_ID } from '../fixtures/audit';

/** A small RFC 4180 reader, so the tests check what a CSV consumer would actually get. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 1; }
    else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

const DESIGN_FIELDS = 'id, time, trigger, eventId, correlationId, actor, subscriptionId, resourceId, resourceType, control, outcome, reason, before, after, verified, mode, durationMs, version';

describe('formatRecords as csv', () => {
  it('starts with a header of every DESIGN.md field in DESIGN order', () => {
    const [header] = parseCsv(formatRecords([], 'csv'));
    expect(header.slice(0, 18).join(', ')).toBe(DESIGN_FIELDS);
    expect(header).toEqual([...CSV_COLUMNS]);
  });

  it('quotes commas, quotes and line breaks and doubles inner quotes', () => {
    const record = auditRecord({ reason: 'tag "transit-warden-exempt" has no reason,\r\nso it is ignored' });
    const text = formatRecords([record], 'csv');
    expect(text).toContain('"tag ""transit-warden-exempt"" has no reason,\r\nso it is ignored"');
    const [, row] = parseCsv(text);
    expect(row[CSV_COLUMNS.indexOf('reason')]).toBe(record.reason);
  });

  it('writes objects as JSON, null as an empty cell and booleans and numbers as text', () => {
    const record = auditRecord({ actor: null, verified: false, durationMs: 1234, exemption: undefined });
    const [, row] = parseCsv(formatRecords([record], 'csv'));
    const cell = (name: (typeof CSV_COLUMNS)[number]): string => row[CSV_COLUMNS.indexOf(name)];
    expect(JSON.parse(cell('before'))).toEqual({ properties: { httpsOnly: false } });
    expect(JSON.parse(cell('after'))).toEqual({ properties: { httpsOnly: true } });
    expect(cell('actor')).toBe('');
    expect(cell('exemption')).toBe('');
    expect(cell('verified')).toBe('false');
    expect(cell('durationMs')).toBe('1234');
    expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it.each([['=HYPERLINK("http://evil")'], ['+1+1'], ['-2+3'], ['@SUM(A1)'], ['\tcmd'], ['\rcmd']])(
    'neutralises a cell starting like a formula: %j', (payload) => {
      const [, row] = parseCsv(formatRecords([auditRecord({ actor: payload })], 'csv'));
      expect(row[CSV_COLUMNS.indexOf('actor')]).toBe(`'${payload}`);
    });

  it('reads back any text exactly, apart from the formula guard', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (cells) => {
      const [row] = parseCsv(`${cells.map(csvCell).join(',')}\r\n`);
      expect(row).toEqual(cells.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
    }));
  });

  it('leaves ordinary cells alone', () => {
    expect(csvCell('alice@contoso.com')).toBe('alice@contoso.com');
    expect(csvCell('2026-11-23T10:15:30.123Z')).toBe('2026-11-23T10:15:30.123Z');
  });
});

describe('formatRecords as json and table', () => {
  it('wraps the records unchanged in {"records": [...]}', () => {
    const records = [auditRecord(), auditRecord({ outcome: 'exempt' })];
    expect(JSON.parse(formatRecords(records, 'json'))).toEqual({ records });
  });

  it('shows one readable line per record with the short resource name and a cut reason', () => {
    const record = auditRecord({ resourceId: SHOP_SLOT_ID, reason: `properties.httpsOnly is false; ${'x'.repeat(100)}` });
    const lines = formatRecords([record], 'table').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^TIME\s+OUTCOME\s+CONTROL\s+RESOURCE\s+MODE\s+REASON$/);
    expect(lines[2]).toContain('2026-11-23T10:15:30.123Z  fixed    appservice-https-only  contoso-shop/slots/staging  enforce');
    expect(lines[2]).toMatch(/properties\.httpsOnly is false; x+…$/);
    expect(lines[2].length).toBeLessThan(200);
  });

  it('does not pass terminal control sequences through', () => {
    const text = formatRecords([auditRecord({ reason: 'exempt: \u001b[31mred\u001b[0m' })], 'table');
    expect(text).not.toContain('\u001b');
  });

  it('shows C1 controls and bidi overrides in a reason as ?', () => {
    const text = formatRecords([auditRecord({ reason: 'exempt: \u009b2J\u202egnp.exe' })], 'table');
    expect(text).not.toMatch(/[\u009b\u202e]/);
    expect(text).toContain('exempt: ?2J?gnp.exe');
  });
});

describe('summarize', () => {
  it('counts records by control and outcome', () => {
    const summary = summarize([
      auditRecord(), auditRecord(), auditRecord({ outcome: 'would-fix' }),
      auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls', outcome: 'compliant' }),
      auditRecord({ resourceId: STORAGE_ID, control: 'storage-min-tls', outcome: 'exempt' }),
    ]);
    expect(summary.total).toBe(5);
    expect(summary.controls.map((row) => [row.control, row.total])).toEqual([['appservice-https-only', 3], ['storage-min-tls', 2]]);
    expect(summary.controls[0].counts).toMatchObject({ fixed: 2, 'would-fix': 1, compliant: 0 });
    expect(summary.counts).toMatchObject({ fixed: 2, 'would-fix': 1, compliant: 1, exempt: 1, failed: 0 });
  });

  it('counts a record with an outcome it does not know in the totals only', () => {
    const summary = summarize([auditRecord({ outcome: 'constructor' as Outcome })]);
    expect(summary.total).toBe(1);
    expect(summary.controls[0].total).toBe(1);
    expect(Object.values(summary.counts).every((n) => n === 0)).toBe(true);
  });

  it('renders the summary as a table of occurring outcomes and as csv with every outcome', () => {
    const summary = summarize([auditRecord(), auditRecord({ outcome: 'failed', control: 'appservice-min-tls' })]);
    const table = formatSummary(summary, 'table').split('\n');
    expect(table[0]).toMatch(/^CONTROL\s+FIXED\s+FAILED\s+TOTAL$/);
    expect(table.at(-2)).toMatch(/^\(all\)\s+1\s+1\s+2$/);
    const csv = parseCsv(formatSummary(summary, 'csv'));
    expect(csv[0]).toEqual(['control', 'compliant', 'fixed', 'would-fix', 'noncompliant', 'exempt', 'failed', 'skipped', 'undone', 'total']);
    expect(csv.at(-1)).toEqual(['total', '0', '1', '0', '0', '0', '1', '0', '0', '2']);
    expect(JSON.parse(formatSummary(summary, 'json')).summary.total).toBe(2);
  });
});
