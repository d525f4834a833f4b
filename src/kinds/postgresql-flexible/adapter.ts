import { postgreSqlFlexibleSdk } from '../../azure/sdk';
import { facts as postgresqlFlexibleFacts } from './facts';
import { flexibleServerAdapter } from '../common/flexible-server-adapter';
import { sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';

/**
 * Azure Database for PostgreSQL flexible servers (@azure/arm-postgresql-flexible 9, api 2025-08-01).
 * Server parameters are `configurations/{name}`; Configurations_Update is a long-running PATCH. Both
 * transport parameters are dynamic, so no restart is offered.
 */
export const adapter: KindAdapterFactory = (settings) =>
  flexibleServerAdapter(
    {
      what: 'PostgreSQL flexible servers',
      facts: postgresqlFlexibleFacts,
      resourceType: 'Microsoft.DBforPostgreSQL/flexibleServers',
      createClient: (s, subscriptionId) => new (postgreSqlFlexibleSdk().PostgreSQLManagementFlexibleServerClient)(s.credential, subscriptionId, sdkOptions(s)),
    },
    settings,
  );
