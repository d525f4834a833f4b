import type { SandboxKind } from './kind';

/**
 * Resource groups (@azure/arm-resources requests `/subscriptions/{s}/resourcegroups/{rg}`, lower
 * case). They carry the tags that exempt whole groups. A group that holds resources but is not in
 * the estate still exists in ARM: the sandbox answers it with no tags.
 */
export const resourceGroupKind: SandboxKind = {
  name: 'resource-groups',
  types: [
    {
      type: 'Microsoft.Resources/resourceGroups',
      // Microsoft.Resources stable api-versions; 2025-04-01 is what @azure/arm-resources 7 sends.
      apiVersions: ['2025-04-01', '2025-03-01', '2024-11-01', '2024-07-01', '2024-03-01', '2023-07-01', '2022-09-01', '2021-04-01', '2021-01-01', '2020-10-01', '2020-06-01', '2019-10-01'],
      readOnly: ['properties.provisioningState'],
      writable: [],
      // ARM's own namespace answers a bad api-version with InvalidApiVersionParameter, not the RP error.
      unsupportedApiVersionCode: 'InvalidApiVersionParameter',
      topLevel: ['managedBy'],
    },
  ],
};
