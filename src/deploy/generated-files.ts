import type { ControlDefinition } from '../controls/types';
import { renderControlDocs } from './control-docs';
import { advancedFilters, writeOperations } from './event-filter';
import type { GeneratedFile } from './generated-file';
import { kindRegistryFiles } from './kind-registries';
import { README_FILE, withControlTable } from './readme-controls';
import { onboardingPolicyDefinition } from './policy';
import { roleActions } from './role';

export type { GeneratedFile } from './generated-file';

/** Paths the Bicep templates load with loadJsonContent (relative to infra/). */
export const ROLE_ACTIONS_FILE = 'infra/generated/role-actions.json';
export const EVENT_OPERATIONS_FILE = 'infra/generated/event-operations.json';
export const EVENT_FILTERS_FILE = 'infra/generated/event-filters.json';
export const CONTROL_DOCS_FILE = 'docs/controls.md';
/** The onboarding policy's definition properties, loaded by infra/management-group.bicep. */
export const ONBOARDING_POLICY_FILE = 'infra/generated/onboard-subscription.policy.json';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Every file derived from the kind list and the catalog: the per-kind tables (src/kinds/generated),
 * the role, the Event Grid filter, the onboarding policy (which embeds that filter), the control docs and README's control table (the rest of README is
 * hand-written, so its committed text, read by `readCommitted`, is kept around the table). scripts/generate.ts writes them and a test fails when the
 * committed copies differ, so the deployed role, the Event Grid filter and the docs always match
 * the controls that ship.
 */
export function generatedFiles(catalog: readonly ControlDefinition[], readCommitted: (path: string) => string | undefined): GeneratedFile[] {
  const readme = readCommitted(README_FILE);
  if (readme === undefined) throw new Error(`${README_FILE} not found`);
  return [
    ...kindRegistryFiles(),
    { path: ROLE_ACTIONS_FILE, content: json(roleActions(catalog)) },
    { path: EVENT_OPERATIONS_FILE, content: json(writeOperations(catalog)) },
    { path: EVENT_FILTERS_FILE, content: json(advancedFilters(catalog)) },
    { path: ONBOARDING_POLICY_FILE, content: json(onboardingPolicyDefinition(catalog)) },
    { path: CONTROL_DOCS_FILE, content: renderControlDocs(catalog) },
    { path: README_FILE, content: withControlTable(readme, catalog) },
  ];
}
