import { relative, sep } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { catalog } from '../controls';
import { checkResources, type CheckResult } from '../engine/check';
import { WardenError } from '../errors';
import { isDeploymentTemplate, parameterValuesFrom } from '../templates/arm-template';
import { checkTemplate, type TemplateCheck, type TemplateCheckResult } from '../templates/check-template';
import type { TemplateValue } from '../templates/expression';
import { checkTerraformPlan, isTerraformPlan } from '../templates/terraform-plan';
import { readJsonDocument, readJsonInput, type CliIo } from './io';
import { toSarif, type SarifFinding } from './sarif';
import { renderTable, shortResourceName } from './table';

export type OutputFormat = 'json' | 'table';
export type CheckFormat = OutputFormat | 'sarif';
/**
 * What `check` reads: detected from the input's shape unless given (`bicep-json` is `bicep build`
 * output, an ARM template; `terraform-plan` is `terraform show -json PLAN`).
 */
export const CHECK_INPUTS = ['auto', 'resources', 'arm', 'bicep-json', 'terraform-plan'] as const;
export type CheckInput = (typeof CHECK_INPUTS)[number];

export interface CheckOptions {
  format: CheckFormat;
  input?: CheckInput;
  /** A deployment parameters file for a template. */
  parameters?: string;
}

type AnyResult = CheckResult | TemplateCheckResult;

/**
 * `check [FILE|-]`: exit 0 all compliant, exempt or unknown, 1 any noncompliant, 2 bad input or a
 * resource that could not be judged. A template's values that stay expressions are `unknown`,
 * never a pass.
 */
export async function runCheck(file: string | undefined, options: CheckFormat | CheckOptions, io: CliIo, now = new Date()): Promise<number> {
  const { format, input = 'auto', parameters } = typeof options === 'string' ? { format: options } : options;
  const described = input === 'resources' || input === 'auto' ? 'ARM resource JSON' : input === 'terraform-plan' ? 'Terraform plan JSON' : 'ARM template';
  const { value, text } = await readJsonDocument(file, io, described);
  const asPlan = input === 'terraform-plan' || (input === 'auto' && isTerraformPlan(value));
  const asTemplate = !asPlan && (input === 'arm' || input === 'bicep-json' || (input === 'auto' && isDeploymentTemplate(value)));
  if (!asTemplate && parameters !== undefined) {
    throw new WardenError('INVALID_INPUT', '--parameters applies to a deployment template, and the input is not one (give --input arm to read it as one)');
  }
  let results: AnyResult[];
  let lines: (result: AnyResult) => number | null = () => null;
  let notes: string[] = [];
  let checked: TemplateCheck | undefined;
  if (asPlan) {
    if (!isTerraformPlan(value)) {
      throw new WardenError('INVALID_INPUT', `${file ?? 'standard input'} is not a Terraform plan: \`terraform show -json PLAN\` writes an object with "format_version" and "planned_values" or "resource_changes"`);
    }
    checked = checkTerraformPlan(value, catalog, now);
  } else if (asTemplate) {
    if (!isDeploymentTemplate(value)) {
      throw new WardenError('INVALID_INPUT', `${file ?? 'standard input'} is not an ARM deployment template: it needs "$schema" naming deploymentTemplate.json, or "contentVersion" and "resources"`);
    }
    const given: Map<string, TemplateValue> = parameters === undefined
      ? new Map()
      : parameterValuesFrom(await readJsonInput(parameters, io, 'deployment parameters'), parameters);
    checked = checkTemplate(value, given, catalog, now);
  }
  if (checked) {
    const { resourceOf } = checked;
    results = checked.results;
    notes = checked.notes;
    const tree = parseTree(text);
    lines = (result) => {
      const resource = resourceOf.get(result as TemplateCheckResult);
      // A plan has no lines of its own: a plan resource is located at its "address".
      const node = tree && resource ? findNodeAtLocation(tree, asPlan ? [...resource.path, 'address'] : resource.path) : undefined;
      return node ? lineAt(text, node.offset) : null;
    };
  } else {
    results = checkResources(value, catalog, now);
  }
  for (const note of notes) io.stderr(`note: ${note}\n`);
  if (format === 'json') io.stdout(`${JSON.stringify({ results, ...(notes.length > 0 ? { notes } : {}) }, null, 2)}\n`);
  else if (format === 'sarif') io.stdout(`${JSON.stringify(toSarif(results.map((r) => finding(r, file, lines(r), asPlan)), catalog), null, 2)}\n`);
  else io.stdout(formatCheckTable(results));
  if (results.some((r) => r.status === 'error')) return 2;
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

function finding(result: AnyResult, file: string | undefined, line: number | null, fromPlan: boolean): SarifFinding {
  const uri = !file || file === '-' ? 'stdin' : relative(process.cwd(), file).split(sep).join('/');
  const address = fromPlan && 'template' in result ? { address: result.template.path } : {};
  return { control: result.control, resourceId: result.resourceId, status: result.status, reason: result.reason, uri, line, ...address };
}

function formatCheckTable(results: AnyResult[]): string {
  if (results.length === 0) return 'No resource in the input is covered by a control.\n';
  const rows = results.map((r) => [
    r.status.toUpperCase(),
    r.control,
    'template' in r ? `${shortResourceName(r.resourceId)} (${r.template.path})` : shortResourceName(r.resourceId),
    r.status === 'fail' && !('template' in r) ? `${r.path} is ${JSON.stringify(r.actual)}, expected ${JSON.stringify(r.expected)}` : r.reason,
  ]);
  const statuses = results.some((r) => r.status === 'unknown') ? ['pass', 'fail', 'exempt', 'unknown', 'error'] : ['pass', 'fail', 'exempt', 'error'];
  const counts = statuses.map((s) => `${results.filter((r) => r.status === s).length} ${s}`).join(', ');
  return `${renderTable(['STATUS', 'CONTROL', 'RESOURCE', 'DETAIL'], rows, 90)}\n${counts}\n`;
}
