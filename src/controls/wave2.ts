import cosmosdbMinTls from './cosmosdb-min-tls';
import eventhubMinTls from './eventhub-min-tls';
import mysqlFlexibleMinTls from './mysql-flexible-min-tls';
import mysqlFlexibleRequireSsl from './mysql-flexible-require-ssl';
import mysqlSingleMinTls from './mysql-single-min-tls';
import mysqlSingleRequireSsl from './mysql-single-require-ssl';
import postgresqlFlexibleMinTls from './postgresql-flexible-min-tls';
import postgresqlFlexibleRequireSsl from './postgresql-flexible-require-ssl';
import postgresqlSingleMinTls from './postgresql-single-min-tls';
import postgresqlSingleRequireSsl from './postgresql-single-require-ssl';
import redisenterpriseEncrypted from './redisenterprise-encrypted';
import servicebusMinTls from './servicebus-min-tls';
import sqlMinTls from './sql-min-tls';
import type { ControlDefinition } from './types';

/**
 * Wave 2 (issue 6), in the order of DESIGN.md's control table, then the report-only single-server
 * controls. Spread into the catalog in ./index.ts after the wave-1 controls.
 */
export const wave2Controls: readonly ControlDefinition[] = Object.freeze([
  mysqlFlexibleRequireSsl,
  mysqlFlexibleMinTls,
  postgresqlFlexibleRequireSsl,
  postgresqlFlexibleMinTls,
  sqlMinTls,
  cosmosdbMinTls,
  eventhubMinTls,
  servicebusMinTls,
  redisenterpriseEncrypted,
  mysqlSingleRequireSsl,
  mysqlSingleMinTls,
  postgresqlSingleRequireSsl,
  postgresqlSingleMinTls,
]);
