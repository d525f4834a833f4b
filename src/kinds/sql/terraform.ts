import type { TerraformMapping } from '../../templates/terraform-mapping';

const DOCS = 'mssql_server.html.markdown';

/** azurerm_mssql_server. */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_mssql_server',
    armType: 'Microsoft.Sql/servers',
    docs: DOCS,
    attributes: [
      {
        attribute: 'minimum_tls_version',
        target: 'self',
        property: 'properties.minimalTlsVersion',
        // azurerm 4.x accepts "Disabled" ("all TLS versions are allowed") and then sends no
        // minimalTlsVersion; ARM reports such a server as "None" (mssql_server_resource.go reads "None" back as "Disabled").
        translate: (value) => (value === 'Disabled' ? 'None' : value),
        default: { value: '1.2', source: `${DOCS}: minimum_tls_version "Defaults to \`1.2\`"` },
      },
    ],
  },
];
