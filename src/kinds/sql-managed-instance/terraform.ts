import type { TerraformMapping } from '../../templates/terraform-mapping';

const DOCS = 'mssql_managed_instance.html.markdown';

/**
 * azurerm_mssql_managed_instance: its `minimum_tls_version` (`1.0`, `1.1`, `1.2`) is ARM's
 * minimalTlsVersion, same spelling. The retired azurerm_sql_managed_instance (gone in 4.0) is not mapped.
 */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_mssql_managed_instance',
    armType: 'Microsoft.Sql/managedInstances',
    docs: DOCS,
    attributes: [
      {
        attribute: 'minimum_tls_version',
        target: 'self',
        property: 'properties.minimalTlsVersion',
        default: { value: '1.2', source: `${DOCS}: minimum_tls_version "The Minimum TLS Version. Default value is \`1.2\` Valid values include \`1.0\`, \`1.1\`, \`1.2\`."` },
      },
    ],
  },
];
