import type { TerraformMapping } from '../../templates/terraform-mapping';
import { API_TYPE } from './shared';

const DOCS = 'api_management_api.html.markdown';

/**
 * azurerm_api_management_api, under the service its api_management_name names (in its resource
 * group): `protocols` (`http`, `https`, `ws`, `wss`) is ARM's properties.protocols, same spelling.
 * The docs state no default, and none is needed: the control passes an API without protocols. The id
 * is built from `name` alone, not the revision (ARM's `;rev=n`). azurerm_api_management's `security`
 * block is not mapped: apim-gateway-tls judges the customProperties map as one property (and the tier,
 * from sku_name), while the block's six booleans each set one key of it as a "True"/"False" string, so
 * an unset boolean's documented default could not be applied to the property the control reports.
 */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_api_management_api',
    armType: API_TYPE,
    parentNameAttribute: 'api_management_name',
    docs: DOCS,
    attributes: [
      { attribute: 'protocols', target: 'self', property: 'properties.protocols' },
    ],
  },
];
