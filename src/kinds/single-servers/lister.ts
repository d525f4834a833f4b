import { pipelineList, type ListContext, type Lister } from '../../azure/lister';
import type { PipelineClient } from '../../azure/arm-request';
import { resourcesSdk } from '../../azure/sdk';
import { SINGLE_SERVER_API_VERSION } from './adapter';

/** What ARM answers for an api-version of a type the provider no longer serves. */
const RETIRED = ['NoRegisteredProviderFound'];

const resourcesClient = (c: ListContext): PipelineClient => new (resourcesSdk().ResourceManagementClient)(c.credential, c.subscriptionId, c.settings);

/** The retired servers have no SDK: both engines' servers are listed through the resources client's pipeline. */
export const listers: readonly Lister[] = [
  pipelineList('Microsoft.DBforMySQL/servers', 'list MySQL single servers', SINGLE_SERVER_API_VERSION, resourcesClient, RETIRED),
  pipelineList('Microsoft.DBforPostgreSQL/servers', 'list PostgreSQL single servers', SINGLE_SERVER_API_VERSION, resourcesClient, RETIRED),
];
