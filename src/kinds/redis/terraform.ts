import type { TerraformMapping } from '../../templates/terraform-mapping';
import { REDIS_TYPE } from './shared';

const DOCS = 'redis_cache.html.markdown';

/** azurerm_redis_cache. */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_redis_cache',
    armType: REDIS_TYPE,
    docs: DOCS,
    attributes: [
      {
        attribute: 'non_ssl_port_enabled',
        formerly: ['enable_non_ssl_port'],
        target: 'self',
        property: 'properties.enableNonSslPort',
        default: { value: false, source: `${DOCS}: non_ssl_port_enabled "Enable the non-SSL port (6379) - disabled by default"` },
      },
      {
        attribute: 'minimum_tls_version',
        target: 'self',
        property: 'properties.minimumTlsVersion',
        noDefault: `the azurerm docs (${DOCS}) give different defaults by provider version (4.x "Defaults to \`1.0\`", 5.0 "Defaults to \`1.2\`") and a plan does not say which version made it`,
      },
    ],
  },
];
