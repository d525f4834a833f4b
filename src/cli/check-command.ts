import { catalog } from '../controls';
import { checkResources, type CheckResult } from '../engine/check';
import { readJsonInput, type CliIo } from './io';
import { renderTable, shortResourceName } from './table';

export type OutputFormat = 'json' | 'table';

/** `check [FILE|-]`: exit 0 all compliant or exempt, 1 any noncompliant, 2 bad input. */
export async function runCheck(file: string | undefined, format: OutputFormat, io: CliIo, now = new Date()): Promise<number> {
  const input = await readJsonInput(file, io, 'ARM resource JSON');
  const results = checkResources(input, catalog, now);
  if (format === 'json') io.stdout(`${JSON.stringify({ results }, null, 2)}\n`);
  else io.stdout(formatCheckTable(results));
  if (results.some((r) => r.status === 'error')) return 2;
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

function formatCheckTable(results: CheckResult[]): string {
  if (results.length === 0) return 'No resource in the input is covered by a control.\n';
  const rows = results.map((r) => [
    r.status.toUpperCase(),
    r.control,
    shortResourceName(r.resourceId),
    r.status === 'fail' ? `${r.path} is ${JSON.stringify(r.actual)}, expected ${JSON.stringify(r.expected)}` : r.reason,
  ]);
  const counts = ['pass', 'fail', 'exempt', 'error'].map((s) => `${results.filter((r) => r.status === s).length} ${s}`).join(', ');
  return `${renderTable(['STATUS', 'CONTROL', 'RESOURCE', 'DETAIL'], rows, 90)}\n${counts}\n`;
}
