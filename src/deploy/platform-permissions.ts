/**
 * ARM actions the engine itself needs, whatever the catalog holds. The deployed role is these plus
 * every control's own permissions (src/deploy/role.ts); nothing else is ever granted, so each entry
 * here says which code path needs it.
 */
export const PLATFORM_PERMISSIONS: readonly string[] = Object.freeze([
  // Exemption and mode tags on a resource group apply to its resources (DESIGN: Exemptions), so the
  // engine reads the owning resource group on every evaluation.
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  // The drift sweep asks Azure Resource Graph for candidates (POST /providers/Microsoft.ResourceGraph/
  // resources). Graph authorises that query with this action and then trims the rows to what the
  // caller may read, which the controls' own `.../read` actions already cover.
  'Microsoft.ResourceGraph/resources/read',
]);
