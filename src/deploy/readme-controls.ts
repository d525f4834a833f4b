import type { ControlDefinition } from '../controls/types';

export const README_FILE = 'README.md';

/** The markers around README's control table; the generator rewrites what lies between them. */
export const CONTROL_TABLE_START = '<!-- control table: generated from each control\'s summary by `npm run generate` -->';
export const CONTROL_TABLE_END = '<!-- end of control table -->';

/** A summary is one Markdown table cell: a pipe or a line break would break the row. */
function cell(controlId: string, field: string, text: string): string {
  if (/[|\n]/.test(text) || text.trim() === '') throw new Error(`control ${controlId}: summary.${field} must be one non-empty line without "|"`);
  return text;
}

/** README's control table, one row per control in catalog order. */
export function renderControlTable(catalog: readonly ControlDefinition[]): string {
  const rows = catalog.map((control) => {
    const { resource, compliantWhen, fix } = control.summary;
    return `| ${control.id} | ${cell(control.id, 'resource', resource)} | ${cell(control.id, 'compliantWhen', compliantWhen)} | ${cell(control.id, 'fix', fix)} | ${control.defaultMode} |`;
  });
  return ['| id | resource | compliant when | fix | default |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** `readme` with the text between the control-table markers replaced by the catalog's table. */
export function withControlTable(readme: string, catalog: readonly ControlDefinition[]): string {
  const start = readme.indexOf(CONTROL_TABLE_START);
  const end = readme.indexOf(CONTROL_TABLE_END);
  if (start < 0 || end < start) throw new Error(`${README_FILE} lacks the control-table markers ${CONTROL_TABLE_START} … ${CONTROL_TABLE_END}`);
  return `${readme.slice(0, start + CONTROL_TABLE_START.length)}\n${renderControlTable(catalog)}\n${readme.slice(end)}`;
}
