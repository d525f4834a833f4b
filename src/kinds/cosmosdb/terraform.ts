import type { TerraformMapping } from '../../templates/terraform-mapping';

const DOCS = 'cosmosdb_account.html.markdown';

/**
 * azurerm_cosmosdb_account. The provider's values (`Tls`, `Tls11`, `Tls12`) are ARM's spelling of
 * minimalTlsVersion, so nothing is translated.
 */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_cosmosdb_account',
    armType: 'Microsoft.DocumentDB/databaseAccounts',
    docs: DOCS,
    attributes: [
      {
        attribute: 'minimal_tls_version',
        target: 'self',
        property: 'properties.minimalTlsVersion',
        default: { value: 'Tls12', source: `${DOCS}: minimal_tls_version "Possible values are: \`Tls\`, \`Tls11\`, and \`Tls12\`. Defaults to \`Tls12\`."` },
      },
    ],
  },
];
