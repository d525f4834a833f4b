import type { TerraformMapping } from '../../templates/terraform-mapping';
import { CONTAINER_APP_TYPE } from './shared';

const DOCS = 'container_app.html.markdown';

/**
 * azurerm_container_app: the `ingress` block is ARM's properties.configuration.ingress, and its
 * `allow_insecure_connections` is ingress.allowInsecure. `target_port` (required in the block) is
 * mapped too, onto ingress.targetPort, so that an ingress block the plan writes is an ingress in the
 * document even where allow_insecure_connections is unset (the control passes an absent flag, ARM's
 * default false); an app without the block has no ingress, which the control says is not applicable.
 * The docs state no default for allow_insecure_connections; none is needed, as absent passes.
 */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_container_app',
    armType: CONTAINER_APP_TYPE,
    docs: DOCS,
    attributes: [
      { attribute: 'ingress.allow_insecure_connections', target: 'self', property: 'properties.configuration.ingress.allowInsecure' },
      { attribute: 'ingress.target_port', target: 'self', property: 'properties.configuration.ingress.targetPort' },
    ],
  },
];
