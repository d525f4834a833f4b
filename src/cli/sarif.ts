/**
 * `check --format sarif`: SARIF 2.1.0 for GitHub and Azure DevOps code scanning. One rule per
 * control (its summary and doc as help); one result per finding that needs a reader — fail, unknown
 * and error — plus exempt findings as suppressed results carrying the exemption's reason. Passes are
 * left out: code scanning shows what to fix. Results point at the file and, for a template, at the
 * line where the resource is written (for a Terraform plan, the line of its address, and the address
 * as a logical location).
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { ControlDefinition } from '../controls/types';
import { VERSION } from '../version';

export interface SarifFinding {
  control: string;
  resourceId: string;
  status: 'pass' | 'fail' | 'exempt' | 'error' | 'unknown';
  reason: string;
  /** File the finding is in, as a URI relative to the working directory (forward slashes). */
  uri: string;
  /** 1-based line of the resource in the file, when known. */
  line: number | null;
  /** A Terraform plan resource's address (`module.web.azurerm_linux_web_app.app`), its logical location. */
  address?: string;
}

const LEVEL = { fail: 'error', exempt: 'error', unknown: 'warning', error: 'warning' } as const;

function ruleFor(control: ControlDefinition): ReportingDescriptor {
  const doc = control.doc;
  return {
    id: control.id,
    name: control.id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: `${control.summary.resource}: ${control.summary.compliantWhen}`.replace(/`/g, '') },
    fullDescription: { text: doc.why },
    help: {
      text: `${doc.why}\n\nFix: ${doc.fix}\n\nSide effects: ${doc.sideEffects}\n\nWhen to exempt: ${doc.exemptWhen}`,
      markdown: `${doc.why}\n\n**Fix:** ${doc.fix}\n\n**Side effects:** ${doc.sideEffects}\n\n**When to exempt:** ${doc.exemptWhen}`,
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'encryption-in-transit'], 'transit-warden-default-mode': control.defaultMode },
  };
}

export function toSarif(findings: readonly SarifFinding[], catalog: readonly ControlDefinition[]): Log {
  const rules = catalog.map(ruleFor);
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const results: Result[] = [];
  for (const finding of findings) {
    if (finding.status === 'pass') continue;
    const result: Result = {
      ruleId: finding.control,
      ruleIndex: ruleIndex.get(finding.control),
      level: LEVEL[finding.status],
      message: { text: `${finding.resourceId}: ${finding.reason}` },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: finding.uri },
          ...(finding.line === null ? {} : { region: { startLine: finding.line } }),
        },
        logicalLocations: [
          ...(finding.address === undefined ? [] : [{ fullyQualifiedName: finding.address, kind: 'resource' }]),
          { fullyQualifiedName: finding.resourceId, kind: 'resource' },
        ],
      }],
      // Code scanning keeps one alert per fingerprint across runs: the control and the resource.
      partialFingerprints: { 'transitWarden/v1': `${finding.control}:${finding.resourceId.toLowerCase()}` },
    };
    if (finding.status === 'exempt') result.suppressions = [{ kind: 'external', status: 'accepted', justification: finding.reason }];
    results.push(result);
  }
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'transit-warden', version: VERSION, rules } },
      results,
    }],
  };
}
