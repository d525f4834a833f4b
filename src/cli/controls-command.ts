import { catalog } from '../controls';
import type { CliIo } from './io';
import { renderTable } from './table';
import type { OutputFormat } from './check-command';

/** `controls`: the catalog, for people (table) and scripts (json). */
export function runControls(format: OutputFormat, io: CliIo): number {
  const entries = catalog.map((c) => ({
    id: c.id,
    resourceTypes: [...c.resourceTypes],
    target: c.target,
    permissions: [...c.permissions],
    defaultMode: c.defaultMode,
    title: c.title,
  }));
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ controls: entries }, null, 2)}\n`);
  } else {
    io.stdout(renderTable(['ID', 'RESOURCE TYPES', 'DEFAULT', 'TITLE'], entries.map((e) => [e.id, e.resourceTypes.join(', '), e.defaultMode, e.title]), 70));
  }
  return 0;
}
