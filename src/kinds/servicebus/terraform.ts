import type { TerraformMapping } from '../../templates/terraform-mapping';

const DOCS = 'servicebus_namespace.html.markdown';

/** azurerm_servicebus_namespace. The provider's values (`1.0`, `1.1`, `1.2`) are ARM's spelling of minimumTlsVersion. */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_servicebus_namespace',
    armType: 'Microsoft.ServiceBus/namespaces',
    docs: DOCS,
    attributes: [
      {
        attribute: 'minimum_tls_version',
        target: 'self',
        property: 'properties.minimumTlsVersion',
        default: { value: '1.2', source: `${DOCS}: minimum_tls_version "Valid values are: \`1.0\`, \`1.1\` and \`1.2\`. Defaults to \`1.2\`."` },
      },
    ],
  },
];
