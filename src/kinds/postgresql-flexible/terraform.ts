import { POSTGRESQL_FLEXIBLE_TYPE } from '../common/flexible-server-parameters';
import type { TerraformMapping } from '../../templates/terraform-mapping';

/**
 * azurerm_postgresql_flexible_server_configuration: one server parameter, name and value, which is the
 * configurations/{name} document the parameter controls read. A server the plan gives no such
 * resource for keeps the server's own default, which a plan does not show: those controls say unknown.
 */
export const terraform: readonly TerraformMapping[] = [
  // The server itself maps no attribute: its transport settings are parameters. It is the parameters' owner.
  { shape: 'resource', resourceType: 'azurerm_postgresql_flexible_server', armType: POSTGRESQL_FLEXIBLE_TYPE, docs: 'postgresql_flexible_server.html.markdown', attributes: [] },
  {
    shape: 'parameter',
    resourceType: 'azurerm_postgresql_flexible_server_configuration',
    parentResourceType: 'azurerm_postgresql_flexible_server',
    parentArmType: POSTGRESQL_FLEXIBLE_TYPE,
    parentIdAttribute: 'server_id',
    childSegment: 'configurations',
    docs: 'postgresql_flexible_server_configuration.html.markdown',
  },
];
