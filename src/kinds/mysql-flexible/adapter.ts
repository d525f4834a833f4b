import { mySqlFlexibleSdk } from '../../azure/sdk';
import { facts as mysqlFlexibleFacts } from './facts';
import { flexibleServerAdapter } from '../common/flexible-server-adapter';
import { sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';

/**
 * Azure Database for MySQL flexible servers (@azure/arm-mysql-flexible 3.1, api 2021-05-01). Transport
 * settings are server parameters (`configurations/{name}`); Configurations_Update is a long-running
 * PATCH. tls_version is static, so its fix is followed by a restart (Servers_Restart, long-running POST).
 */
export const adapter: KindAdapterFactory = (settings) =>
  flexibleServerAdapter(
    {
      what: 'MySQL flexible servers',
      facts: mysqlFlexibleFacts,
      resourceType: 'Microsoft.DBforMySQL/flexibleServers',
      createClient: (s, subscriptionId) => new (mySqlFlexibleSdk().MySQLManagementFlexibleServerClient)(s.credential, subscriptionId, sdkOptions(s)),
      // A plain restart: restartWithFailover would need zone-redundant HA and is refused on servers
      // without it. The call returns once the RP reports the restart finished.
      restart: async (client, resourceGroup, server, s) => {
        await client.servers.beginRestartAndWait(resourceGroup, server, {}, { updateIntervalInMs: s.pollIntervalMs });
      },
    },
    settings,
  );
