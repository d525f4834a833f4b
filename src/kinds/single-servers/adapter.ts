import { resourcesSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import { callForWire } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { facts as singleServersFacts } from './facts';

/** The last api-version of the retired single-server services (the facts' read); no maintained SDK speaks it. */
export const SINGLE_SERVER_API_VERSION = singleServersFacts.types[0].read.apiVersion;

/**
 * Retired Azure Database for MySQL / PostgreSQL single servers, read through the generic
 * Resources_GetById of @azure/arm-resources (their own SDKs are deprecated). Read-only: their
 * controls report and never fix, and a PATCH is refused here as well.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (resourcesSdk().ResourceManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  return {
    resourceTypes: ['Microsoft.DBforMySQL/servers', 'Microsoft.DBforPostgreSQL/servers'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `single servers have no document ${target}`);
      // getById puts the id after a '/' of its own: pass it without the leading slash, or the URL
      // starts with '//subscriptions'.
      return callForWire((o) => client(id.subscriptionId).resources.getById(id.id.slice(1), SINGLE_SERVER_API_VERSION, o));
    },
    patch(id) {
      return Promise.reject(
        new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${id.type} is retired; transit-warden reports on it and never writes to it`),
      );
    },
  };
};
