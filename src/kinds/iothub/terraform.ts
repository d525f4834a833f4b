import type { TerraformMapping } from '../../templates/terraform-mapping';
import { IOTHUB_TYPE } from './shared';

const DOCS = 'iothub.html.markdown';

/**
 * azurerm_iothub: `min_tls_version` is the hub's minTlsVersion, same spelling. The docs say "The only
 * valid value is `1.2`" and state no default, so an unset one is unknown.
 */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_iothub',
    armType: IOTHUB_TYPE,
    docs: DOCS,
    attributes: [
      { attribute: 'min_tls_version', target: 'self', property: 'properties.minTlsVersion' },
    ],
  },
];
