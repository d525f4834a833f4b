import { sqlSdk } from '../sdk';
import { WardenError } from '../../errors';
import { callForWire, toSdkModel } from '../wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from './kind';

const WRITABLE = { minimalTlsVersion: 'minimalTlsVersion' } as const;

/** Azure SQL logical servers (@azure/arm-sql 10). Servers_Update is long-running. */
export const sqlAdapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (sqlSdk().SqlManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  return {
    resourceTypes: ['Microsoft.Sql/servers'],
    targets: [],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `SQL servers have no document ${target}`);
      return callForWire((o) => client(id.subscriptionId).servers.get(id.resourceGroup, id.names[0], o));
    },
    patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `SQL servers have no document ${target}`);
      const model = toSdkModel(body, WRITABLE, 'SQL server PATCH');
      return callForWire((o) =>
        client(id.subscriptionId).servers.beginUpdateAndWait(id.resourceGroup, id.names[0], model, { ...o, updateIntervalInMs: settings.pollIntervalMs }),
      );
    },
  };
};
