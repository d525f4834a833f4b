import { PostgreSQLManagementFlexibleServerClient } from '@azure/arm-postgresql-flexible';
import { callForWire } from '../wire';
import { parameterModel, parameterOf, serverOnlyRead } from './flexible-server';
import { clientCache, sdkOptions, type KindAdapterFactory } from './kind';

const WHAT = 'PostgreSQL flexible servers';

/**
 * Azure Database for PostgreSQL flexible servers (@azure/arm-postgresql-flexible 9, api 2025-08-01).
 * Server parameters are `configurations/{name}`; Configurations_Update is a long-running PATCH. Both
 * transport parameters are dynamic, so no restart is offered.
 */
export const postgresqlFlexibleAdapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new PostgreSQLManagementFlexibleServerClient(settings.credential, subscriptionId, sdkOptions(settings)));
  return {
    resourceTypes: ['Microsoft.DBforPostgreSQL/flexibleServers'],
    targets: ['configurations/require_secure_transport', 'configurations/ssl_min_protocol_version'],
    read(id, target) {
      const parameter = parameterOf(target, WHAT);
      const [server] = id.names;
      const pg = client(id.subscriptionId);
      if (parameter === undefined) return callForWire((o) => pg.servers.get(id.resourceGroup, server, o));
      return callForWire((o) => pg.configurations.get(id.resourceGroup, server, parameter, o));
    },
    patch(id, target, body) {
      const parameter = parameterOf(target, WHAT);
      if (parameter === undefined) return serverOnlyRead(WHAT);
      const model = parameterModel(body, `${target} PATCH`);
      return callForWire((o) =>
        client(id.subscriptionId).configurations.beginUpdateAndWait(id.resourceGroup, id.names[0], parameter, model, {
          ...o,
          updateIntervalInMs: settings.pollIntervalMs,
        }),
      );
    },
  };
};
