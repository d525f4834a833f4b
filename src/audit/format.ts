import { renderTable, shortResourceName } from '../cli/table';
import { WardenError } from '../errors';
import { OUTCOMES, type AuditRecord } from './record';
import type { AuditSummary } from './summary';

// `audit --summary` callers import the counting from here too.
export { summarize, type AuditSummary, type ControlSummary } from './summary';

/**
 * Renderings of audit records for `transit-warden audit` and exports. Every format ends with a newline.
 *
 * - table: for people; one line per record, long cells cut with `…`, control characters and bidi
 *   overrides shown as `?` by renderTable (a reason can quote tag values, and tags must not drive the
 *   reader's terminal).
 * - json: `{"records":[...]}` with the records exactly as stored.
 * - csv: RFC 4180 (CRLF line ends; a cell holding a comma, quote, CR or LF is quoted, inner quotes
 *   doubled), one column per DESIGN.md field in DESIGN order, then `exemption`. before, after and
 *   exemption are JSON text; null is an empty cell. Spreadsheets run a cell starting with = + - @ tab
 *   or CR as a formula, and audit cells carry text others control (reasons quote tags, actors come
 *   from event claims), so such a cell gets a leading `'` — Excel and LibreOffice show it as text.
 *   Strip that `'` when reading the CSV back with a program.
 */

export type RecordFormat = 'table' | 'json' | 'csv';
export const RECORD_FORMATS: readonly RecordFormat[] = ['table', 'json', 'csv'];

/** DESIGN.md's audit fields in DESIGN order, then the additions. */
export const CSV_COLUMNS = [
  'id', 'time', 'trigger', 'eventId', 'correlationId', 'actor', 'subscriptionId', 'resourceId', 'resourceType', 'control',
  'outcome', 'reason', 'before', 'after', 'verified', 'mode', 'durationMs', 'version', 'exemption',
] as const satisfies readonly (keyof AuditRecord)[];

const JSON_COLUMNS: ReadonlySet<string> = new Set(['before', 'after', 'exemption']);
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
const TABLE_REASON_WIDTH = 60;

function unknownFormat(format: string): WardenError {
  return new WardenError('INVALID_INPUT', `format must be one of ${RECORD_FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
}

/** One CSV cell: formula-neutralised, then quoted when RFC 4180 requires it. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

function csvValue(record: AuditRecord, column: (typeof CSV_COLUMNS)[number]): string {
  const value = record[column];
  if (value === null || value === undefined) return '';
  if (JSON_COLUMNS.has(column)) return JSON.stringify(value);
  return String(value);
}

export function formatRecords(records: readonly AuditRecord[], format: RecordFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ records }, null, 2)}\n`;
    case 'csv':
      return [csvRow(CSV_COLUMNS), ...records.map((record) => csvRow(CSV_COLUMNS.map((column) => csvValue(record, column))))]
        .map((line) => `${line}\r\n`).join('');
    case 'table':
      if (records.length === 0) return 'no audit records match\n';
      return renderTable(
        ['TIME', 'OUTCOME', 'CONTROL', 'RESOURCE', 'MODE', 'REASON'],
        records.map((r) => [r.time, r.outcome, r.control, shortResourceName(r.resourceId), r.mode, r.reason]),
        TABLE_REASON_WIDTH,
      );
    default:
      throw unknownFormat(String(format));
  }
}

/**
 * Summary rendering. The table shows only outcomes that occur (it is for reading); csv and json
 * always carry every outcome column, so scripts see a stable shape.
 */
export function formatSummary(summary: AuditSummary, format: RecordFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ summary }, null, 2)}\n`;
    case 'csv':
      return [
        csvRow(['control', ...OUTCOMES, 'total']),
        ...summary.controls.map((row) => csvRow([row.control, ...OUTCOMES.map((o) => String(row.counts[o])), String(row.total)])),
        csvRow(['total', ...OUTCOMES.map((o) => String(summary.counts[o])), String(summary.total)]),
      ].map((line) => `${line}\r\n`).join('');
    case 'table': {
      if (summary.total === 0) return 'no audit records match\n';
      const shown = OUTCOMES.filter((o) => summary.counts[o] > 0);
      return renderTable(
        ['CONTROL', ...shown.map((o) => o.toUpperCase()), 'TOTAL'],
        [
          ...summary.controls.map((row) => [row.control, ...shown.map((o) => String(row.counts[o])), String(row.total)]),
          ['(all)', ...shown.map((o) => String(summary.counts[o])), String(summary.total)],
        ],
      );
    }
    default:
      throw unknownFormat(String(format));
  }
}
