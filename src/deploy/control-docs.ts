import type { ControlDefinition } from '../controls/types';
import { SELF } from '../controls/types';

/** Pipes and newlines would break a table row; doc prose keeps them elsewhere. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

const code = (text: string): string => `\`${text}\``;

function targetLabel(control: ControlDefinition): string {
  return control.target === SELF ? 'the resource itself' : code(control.target);
}

/**
 * docs/controls.md, generated from the catalog so the reference cannot drift from the code: a
 * table of all controls, then one section per control with everything a reviewer needs to decide
 * whether to enforce it — including the exact ARM actions it makes the deployed role grant.
 */
export function renderControlDocs(catalog: readonly ControlDefinition[]): string {
  const lines: string[] = [
    '# Controls',
    '',
    '<!-- Generated from src/controls by `npm run generate`; do not edit by hand. -->',
    '',
    `transit-warden ships ${catalog.length} control${catalog.length === 1 ? '' : 's'}. Ids are stable: they appear in the`,
    '`transit-warden-exempt` tag, in `TRANSIT_WARDEN_CONTROL_MODES` and in audit records.',
    '',
    '| id | title | resource types | target | default mode |',
    '|---|---|---|---|---|',
  ];
  for (const control of catalog) {
    lines.push(`| [${code(control.id)}](#${control.id}) | ${cell(control.title)} | ${control.resourceTypes.map(code).join('<br>')} | ${targetLabel(control)} | ${control.defaultMode} |`);
  }
  for (const control of catalog) {
    lines.push(
      '',
      `## ${control.id}`,
      '',
      `**${control.title}**`,
      '',
      `- Resource types: ${control.resourceTypes.map(code).join(', ')}`,
      `- Reads and patches: ${targetLabel(control)}`,
      `- Default mode: ${control.defaultMode}${control.fixNeedsRestart ? ' (the fix needs a restart; it runs only with `TRANSIT_WARDEN_ALLOW_RESTARTS=true`)' : ''}`,
      `- Permissions: ${control.permissions.length === 0 ? 'none' : control.permissions.map(code).join(', ')}`,
      '',
      '### Why',
      '',
      control.doc.why,
      '',
      '### Fix',
      '',
      control.doc.fix,
      '',
      '### Side effects',
      '',
      control.doc.sideEffects,
      '',
      '### When to exempt',
      '',
      control.doc.exemptWhen,
    );
  }
  return `${lines.join('\n')}\n`;
}
