import type { TerraformMapping } from '../../templates/terraform-mapping';

/** No azurerm resource of this kind is mapped yet: `check` on a plan says nothing about them. */
export const terraform: readonly TerraformMapping[] = [];
