import type { AuditRecord } from '../audit/record';
import { forTerminal } from '../terminal-text';
import { maxOf } from '../collections';

/**
 * Plain-text table for people; scripts use --format json. Cells are single-line, width-capped and
 * cannot drive the terminal (see forTerminal): findings quote tag values, which anyone who can tag a
 * resource controls. Widths are measured on the cleaned text.
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], maxWidth = 60): string {
  const clean = (cell: string): string => {
    const oneLine = forTerminal(cell);
    return oneLine.length > maxWidth ? `${oneLine.slice(0, maxWidth - 1)}…` : oneLine;
  };
  const cells = [headers, ...rows].map((row) => row.map(clean));
  const widths = headers.map((_, column) => maxOf(cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}

/** The records that are not `compliant`, as OUTCOME / CONTROL / RESOURCE / REASON; undefined when there are none. */
export function findingsTable(records: readonly AuditRecord[], maxWidth: number): string | undefined {
  const rows = records.filter((r) => r.outcome !== 'compliant').map((r) => [r.outcome, r.control, shortResourceName(r.resourceId), r.reason]);
  return rows.length > 0 ? renderTable(['OUTCOME', 'CONTROL', 'RESOURCE', 'REASON'], rows, maxWidth) : undefined;
}

/** The last segment(s) of a resource id, for tables: `app/slots/staging` reads better than the full id. */
export function shortResourceName(resourceId: string): string {
  const match = /\/providers\/[^/]+\/[^/]+\/(.+)$/i.exec(resourceId);
  return match ? match[1] : resourceId;
}
