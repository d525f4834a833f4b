import { resourcesSdk } from '../../azure/sdk';
import { getResource } from '../../azure/arm-request';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { WardenError } from '../../errors';
import { typeFacts } from '../facts';
import { facts as iothubFacts } from './facts';
import { IOTHUB_TYPE } from './shared';

/** The hub's read api-version (2023-06-30, from the facts); the lister uses it too. */
export const IOTHUB_API_VERSION = typeFacts(iothubFacts, IOTHUB_TYPE).read.apiVersion;

/**
 * IoT hubs, read at 2023-06-30 (IotHubResource_Get) through the @azure/arm-resources client's
 * pipeline. @azure/arm-iothub 6.3.0 speaks the same api-version and its model has minTlsVersion, but
 * the only call this kind makes is one GET of the hub document, which the pipeline sends with the
 * same credential, retries and throttling handling; loading another SDK for it would only add to
 * the install and to the code a cold start may pull in. Read-only: the control reports and never
 * fixes, and a write is refused here as well.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (resourcesSdk().ResourceManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  return {
    resourceTypes: [IOTHUB_TYPE],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `IoT hubs have no document ${target}`);
      return getResource(client(id.subscriptionId), settings.endpoint, id.id, IOTHUB_API_VERSION);
    },
    patch(id) {
      return Promise.reject(
        new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${id.type}: minTlsVersion is set when the hub is created; transit-warden reports on it and never writes to it`),
      );
    },
  };
};
