import { pipelineList, type Lister } from '../../azure/lister';
import { resourcesSdk } from '../../azure/sdk';
import { APPLICATION_GATEWAY_API_VERSION } from './adapter';

/** ApplicationGateways_ListAll through the resources client's pipeline (no Network SDK is loaded). */
export const listers: readonly Lister[] = [
  pipelineList('Microsoft.Network/applicationGateways', 'list Application Gateways', APPLICATION_GATEWAY_API_VERSION, (c) => new (resourcesSdk().ResourceManagementClient)(c.credential, c.subscriptionId, c.settings)),
];
