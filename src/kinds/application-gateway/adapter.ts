import { getResource } from '../../azure/arm-request';
import { resourcesSdk } from '../../azure/sdk';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { WardenError } from '../../errors';
import { typeFacts } from '../facts';
import { facts as applicationGatewayFacts } from './facts';

const APPLICATION_GATEWAY_TYPE = 'Microsoft.Network/applicationGateways';

/** The gateway's read api-version (2025-01-01); the lister uses it too. */
export const APPLICATION_GATEWAY_API_VERSION = typeFacts(applicationGatewayFacts, APPLICATION_GATEWAY_TYPE).read.apiVersion;

/**
 * Application Gateways, read through the @azure/arm-resources client's pipeline at the facts'
 * api-version: @azure/arm-network would be loaded for one GET and is among the largest management
 * packages, which the function app's cold start would pay for. Read-only: the control reports, and
 * the only write that could change the SSL policy is a full PUT of the gateway (see facts.ts).
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (resourcesSdk().ResourceManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  return {
    resourceTypes: [APPLICATION_GATEWAY_TYPE],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Application Gateways have no document ${target}`);
      return getResource(client(id.subscriptionId), settings.endpoint, id.id, APPLICATION_GATEWAY_API_VERSION);
    },
    patch(id) {
      return Promise.reject(
        new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${id.type}: transit-warden reports on Application Gateways and never writes them (the SSL policy is only writable by a full PUT)`),
      );
    },
  };
};
