import type { ControlDefinition } from '../controls/types';
import { tableCell } from './markdown';

export const README_FILE = 'README.md';

/** The markers around README's control table; the generator rewrites what lies between them. */
export const CONTROL_TABLE_START = '<!-- control table: generated from each control\'s summary by `npm run generate` -->';
export const CONTROL_TABLE_END = '<!-- end of control table -->';

/** README's control table, one row per control in catalog order. */
export function renderControlTable(catalog: readonly ControlDefinition[]): string {
  const rows = catalog.map((control) => {
    const { resource, compliantWhen, fix } = control.summary;
    return `| ${control.id} | ${tableCell(resource)} | ${tableCell(compliantWhen)} | ${tableCell(fix)} | ${control.defaultMode} |`;
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
