/** Plain-text table for people; scripts use --format json. Cells are single-line and width-capped. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], maxWidth = 60): string {
  const clean = (cell: string): string => {
    const oneLine = cell.replace(/[\r\n\t]+/g, ' ');
    return oneLine.length > maxWidth ? `${oneLine.slice(0, maxWidth - 1)}…` : oneLine;
  };
  const cells = [headers, ...rows].map((row) => row.map(clean));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]): string => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}

/** The last segment(s) of a resource id, for tables: `app/slots/staging` reads better than the full id. */
export function shortResourceName(resourceId: string): string {
  const match = /\/providers\/[^/]+\/[^/]+\/(.+)$/i.exec(resourceId);
  return match ? match[1] : resourceId;
}
