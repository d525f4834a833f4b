import { MySQLManagementFlexibleServerClient } from '@azure/arm-mysql-flexible';
import { callForWire } from '../wire';
import { parameterModel, parameterOf, serverOnlyRead } from './flexible-server';
import { clientCache, sdkOptions, type KindAdapterFactory } from './kind';

const WHAT = 'MySQL flexible servers';

/**
 * Azure Database for MySQL flexible servers (@azure/arm-mysql-flexible 3.1, api 2021-05-01). Transport
 * settings are server parameters (`configurations/{name}`); Configurations_Update is a long-running
 * PATCH. tls_version is static, so its fix is followed by a restart (Servers_Restart, long-running POST).
 */
export const mysqlFlexibleAdapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new MySQLManagementFlexibleServerClient(settings.credential, subscriptionId, sdkOptions(settings)));
  return {
    resourceTypes: ['Microsoft.DBforMySQL/flexibleServers'],
    targets: ['configurations/require_secure_transport', 'configurations/tls_version'],
    read(id, target) {
      const parameter = parameterOf(target, WHAT);
      const [server] = id.names;
      const mysql = client(id.subscriptionId);
      if (parameter === undefined) return callForWire((o) => mysql.servers.get(id.resourceGroup, server, o));
      return callForWire((o) => mysql.configurations.get(id.resourceGroup, server, parameter, o));
    },
    patch(id, target, body) {
      const parameter = parameterOf(target, WHAT);
      if (parameter === undefined) return serverOnlyRead(WHAT);
      const model = parameterModel(body, `${target} PATCH`);
      // The poller's last resource-shaped body is the final GET of the parameter: what we verify against.
      return callForWire((o) =>
        client(id.subscriptionId).configurations.beginUpdateAndWait(id.resourceGroup, id.names[0], parameter, model, {
          ...o,
          updateIntervalInMs: settings.pollIntervalMs,
        }),
      );
    },
    async restart(id) {
      // A plain restart: restartWithFailover would need zone-redundant HA and is refused on servers
      // without it. The call returns once the RP reports the restart finished.
      await client(id.subscriptionId).servers.beginRestartAndWait(id.resourceGroup, id.names[0], {}, { updateIntervalInMs: settings.pollIntervalMs });
    },
  };
};
