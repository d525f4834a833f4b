import { pipelineList, type Lister } from '../../azure/lister';
import { resourcesSdk } from '../../azure/sdk';
import { IOTHUB_API_VERSION } from './adapter';
import { IOTHUB_TYPE } from './shared';

/** IotHubResource_ListBySubscription through the resources client's pipeline (no IoT Hub SDK is loaded). */
export const listers: readonly Lister[] = [
  pipelineList(IOTHUB_TYPE, 'list IoT hubs', IOTHUB_API_VERSION, (c) => new (resourcesSdk().ResourceManagementClient)(c.credential, c.subscriptionId, c.settings)),
];
