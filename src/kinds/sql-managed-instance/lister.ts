import { pipelineList, type ListContext, type Lister } from '../../azure/lister';
import type { PipelineClient } from '../../azure/arm-request';
import { sqlSdk } from '../../azure/sdk';
import { SQL_MANAGED_INSTANCE_API_VERSION } from './adapter';

const sqlClient = (c: ListContext): PipelineClient => new (sqlSdk().SqlManagementClient)(c.credential, c.subscriptionId, c.settings);

/**
 * One list-by-subscription call, paged, at the facts' api-version through the SQL client's pipeline
 * (the SDK's own list sends 2022-08-01-preview): listed rows and the adapter's reads speak one model.
 */
export const listers: readonly Lister[] = [
  pipelineList('Microsoft.Sql/managedInstances', 'list SQL managed instances', SQL_MANAGED_INSTANCE_API_VERSION, sqlClient),
];
