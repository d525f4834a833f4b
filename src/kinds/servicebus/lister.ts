import { pipelineList, type Lister } from '../../azure/lister';
import { serviceBusSdk } from '../../azure/sdk';
import { SERVICE_BUS_API_VERSION } from './adapter';

/** Listed through the SDK client's pipeline at an api-version whose model has minimumTlsVersion (@azure/arm-servicebus 6.x lacks it). */
export const listers: readonly Lister[] = [
  pipelineList('Microsoft.ServiceBus/namespaces', 'list Service Bus namespaces', SERVICE_BUS_API_VERSION, (c) => new (serviceBusSdk().ServiceBusManagementClient)(c.credential, c.subscriptionId, c.settings)),
];
