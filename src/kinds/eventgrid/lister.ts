import { pipelineList, type ListContext, type Lister } from '../../azure/lister';
import type { PipelineClient } from '../../azure/arm-request';
import { resourcesSdk } from '../../azure/sdk';
import { EVENT_GRID_API_VERSION } from './adapter';

const resourcesClient = (c: ListContext): PipelineClient => new (resourcesSdk().ResourceManagementClient)(c.credential, c.subscriptionId, c.settings);

/**
 * Topics and domains listed through the resources client's pipeline at 2025-02-15, so each row
 * carries minimumTlsVersionAllowed (@azure/arm-eventgrid 14.x lists at 2022-06-15, which lacks it).
 */
export const listers: readonly Lister[] = [
  pipelineList('Microsoft.EventGrid/topics', 'list Event Grid topics', EVENT_GRID_API_VERSION, resourcesClient),
  pipelineList('Microsoft.EventGrid/domains', 'list Event Grid domains', EVENT_GRID_API_VERSION, resourcesClient),
];
