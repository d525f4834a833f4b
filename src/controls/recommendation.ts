/**
 * Secure Score labels: the Azure Policy built-in definitions and the Microsoft Defender for Cloud
 * assessments a control corresponds to, so a reviewer can match transit-warden's records with what
 * the portal shows. Each control carries its own (`recommendations`), verified against the
 * Azure/azure-policy built-in definitions (the file's `name` and `displayName`) and Defender's
 * recommendation reference (the assessment key beside its related policy); a control with none
 * says so in its doc. Pure data and one pure chooser: nothing here does I/O.
 */

/**
 * Which resources a label is for. Azure Policy and Defender tell App Service sites apart by `kind`
 * (a function app, an API app, any other site a web app) and keep slots separate; every other
 * kind has one label for all its resources (`any`).
 */
export const LABEL_SCOPES = ['any', 'web app', 'function app', 'api app', 'web app slot', 'function app slot'] as const;
export type LabelScope = (typeof LABEL_SCOPES)[number];

export interface PolicyDefinitionLabel {
  /** The built-in definition's name (a GUID): its id is /providers/Microsoft.Authorization/policyDefinitions/<id>. */
  id: string;
  displayName: string;
}

export interface AssessmentLabel {
  /** Defender for Cloud's assessment key (a GUID). */
  key: string;
  displayName: string;
}

export interface SecureScoreLabel {
  appliesTo: LabelScope;
  /** The audit built-ins whose condition this control's matches (differences are in the control's doc). */
  policies: readonly PolicyDefinitionLabel[];
  /** Defender's recommendation for the same setting, or null where Defender has none. */
  assessment: AssessmentLabel | null;
}

/** What an audit record carries (`recommendation`, DESIGN.md's audit record). */
export interface RecordRecommendation {
  /** Defender's assessment key, or null when only Azure Policy has a definition for it. */
  assessmentKey: string | null;
  /** The assessment's display name; the first policy's when Defender has no assessment. */
  name: string;
  /** Full Azure Policy definition ids. */
  policyDefinitionIds: string[];
}

export const POLICY_DEFINITION_PREFIX = '/providers/Microsoft.Authorization/policyDefinitions/';

const SITE = 'microsoft.web/sites';
const SLOT = 'microsoft.web/sites/slots';

/**
 * The label scope of a resource of `resourceType` and `kind`. A site whose kind is unknown (the
 * resource could not be read) has none, nor has a Logic Apps Standard site (`workflowapp`): Azure
 * Policy's App Service definitions leave those out, and Defender has no recommendation for them.
 */
export function labelScopeOf(resourceType: string, kind: unknown): LabelScope | undefined {
  const type = resourceType.toLowerCase();
  if (type !== SITE && type !== SLOT) return 'any';
  if (typeof kind !== 'string') return undefined;
  const parts = kind.toLowerCase().split(',').map((part) => part.trim());
  if (parts.includes('workflowapp')) return undefined;
  const slot = type === SLOT;
  if (parts.includes('functionapp')) return slot ? 'function app slot' : 'function app';
  // Azure Policy's web-app definitions cover API apps (they exclude only function apps), so an API
  // app slot takes the web app slot's label; Defender keeps a recommendation of its own for API apps.
  if (parts.includes('api') && !slot) return 'api app';
  return slot ? 'web app slot' : 'web app';
}

/** The recommendation of a control for one resource, or null when Policy and Defender have none for it. */
export function recommendationFor(
  labels: readonly SecureScoreLabel[],
  resourceType: string,
  kind: unknown,
): RecordRecommendation | null {
  const scope = labelScopeOf(resourceType, kind);
  if (scope === undefined) return null;
  const label = labels.find((l) => l.appliesTo === scope) ?? labels.find((l) => l.appliesTo === 'any');
  if (!label || (label.policies.length === 0 && !label.assessment)) return null;
  return {
    assessmentKey: label.assessment?.key ?? null,
    name: label.assessment?.displayName ?? label.policies[0].displayName,
    policyDefinitionIds: label.policies.map((policy) => `${POLICY_DEFINITION_PREFIX}${policy.id}`),
  };
}
