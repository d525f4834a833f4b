import type { TerraformMapping } from '../../templates/terraform-mapping';

const DOCS = 'redis_enterprise_cluster.html.markdown';

/**
 * azurerm_redis_enterprise_cluster: its `minimum_tls_version` (`1.0`, `1.1`, `1.2`) is the cluster's
 * minimumTlsVersion, same spelling. Its databases' client_protocol is not mapped here (a separate
 * azurerm_redis_enterprise_database resource, not yet read).
 */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_redis_enterprise_cluster',
    armType: 'Microsoft.Cache/redisEnterprise',
    docs: DOCS,
    attributes: [
      {
        attribute: 'minimum_tls_version',
        target: 'self',
        property: 'properties.minimumTlsVersion',
        default: { value: '1.2', source: `${DOCS}: minimum_tls_version "Possible values are \`1.0\`, \`1.1\` and \`1.2\`. Defaults to \`1.2\`."` },
      },
    ],
  },
];
