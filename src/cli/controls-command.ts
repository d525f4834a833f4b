import { catalog } from '../controls';
import { POLICY_DEFINITION_PREFIX } from '../controls/recommendation';
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
    // Per kind of resource (App Service sites by kind): Azure Policy definition ids and the Defender assessment key.
    recommendations: c.recommendations.map((label) => ({
      appliesTo: label.appliesTo,
      policyDefinitionIds: label.policies.map((policy) => `${POLICY_DEFINITION_PREFIX}${policy.id}`),
      policies: label.policies.map((policy) => ({ ...policy })),
      assessment: label.assessment ? { ...label.assessment } : null,
    })),
  }));
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ controls: entries }, null, 2)}\n`);
  } else {
    const assessments = (e: (typeof entries)[number]): string => e.recommendations.filter((r) => r.assessment).length.toString();
    const policies = (e: (typeof entries)[number]): string => new Set(e.recommendations.flatMap((r) => r.policyDefinitionIds)).size.toString();
    io.stdout(renderTable(['ID', 'RESOURCE TYPES', 'DEFAULT', 'POLICIES', 'ASSESSMENTS', 'TITLE'], entries.map((e) => [e.id, e.resourceTypes.join(', '), e.defaultMode, policies(e), assessments(e), e.title]), 70));
  }
  return 0;
}
