import type { ControlDefinition } from '../controls/types';
import { SELF } from '../controls/types';
import { tableCell } from './markdown';

const code = (text: string): string => `\`${text}\``;

function targetLabel(control: ControlDefinition): string {
  return control.target === SELF ? 'the resource itself' : code(control.target);
}

/** The control's Secure Score labels as a table, and where it judges differently from the policies. */
function recommendationLines(control: ControlDefinition): string[] {
  const lines: string[] = [];
  if (control.recommendations.length === 0) {
    lines.push('No Azure Policy built-in definition or Defender for Cloud recommendation checks this setting: its records carry `recommendation: null`.');
  } else {
    lines.push('| applies to | Azure Policy definition | Defender assessment |', '|---|---|---|');
    for (const label of control.recommendations) {
      const policies = label.policies.map((policy) => `${tableCell(policy.displayName)} (${code(policy.id)})`).join('<br>') || 'none';
      const assessment = label.assessment ? `${tableCell(label.assessment.displayName)} (${code(label.assessment.key)})` : 'none';
      lines.push(`| ${label.appliesTo} | ${policies} | ${assessment} |`);
    }
    if (control.resourceTypes.some((type) => /^microsoft\.web\/sites/i.test(type))) {
      lines.push('', 'A site is a function app when its kind contains `functionapp`, an API app when it contains `api`, otherwise a web app; Logic Apps Standard sites (`workflowapp`) have no label.');
    }
  }
  if (control.doc.differsFromPolicy) lines.push('', `Where transit-warden differs: ${control.doc.differsFromPolicy}`);
  return lines;
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
    lines.push(`| [${code(control.id)}](#${control.id}) | ${tableCell(control.title)} | ${control.resourceTypes.map(code).join('<br>')} | ${targetLabel(control)} | ${control.defaultMode} |`);
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
      '',
      '### Azure Policy and Defender for Cloud',
      '',
      ...recommendationLines(control),
    );
  }
  return `${lines.join('\n')}\n`;
}
