import { pipelineList, type Lister } from '../../azure/lister';
import { resourcesSdk } from '../../azure/sdk';
import { SYNAPSE_API_VERSION } from './adapter';

/**
 * Workspaces_List through the resources client's pipeline (no Synapse SDK is loaded); each
 * workspace's dedicatedSQLminimalTlsSettings/default is then read as its control's target.
 */
export const listers: readonly Lister[] = [
  pipelineList('Microsoft.Synapse/workspaces', 'list Synapse workspaces', SYNAPSE_API_VERSION, (c) => new (resourcesSdk().ResourceManagementClient)(c.credential, c.subscriptionId, c.settings)),
];
