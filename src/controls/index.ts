import type { ControlDefinition } from './types';
import { controlsFor } from './types';
import appServiceHttpsOnly from './appservice-https-only';
import appServiceMinTls from './appservice-min-tls';
import appServiceScmMinTls from './appservice-scm-min-tls';
import appServiceFtpsOnly from './appservice-ftps-only';
import appServiceClientCert from './appservice-client-cert';
import storageHttpsOnly from './storage-https-only';
import storageMinTls from './storage-min-tls';
import redisSslOnly from './redis-ssl-only';
import redisMinTls from './redis-min-tls';
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
import { inKindOrder, type KindName } from '../kinds/names';

/** Each kind's controls, in the order of DESIGN.md's control table within the kind. */
export const CONTROLS_BY_KIND: Readonly<Record<KindName, readonly ControlDefinition[]>> = {
  appservice: [appServiceHttpsOnly, appServiceMinTls, appServiceScmMinTls, appServiceFtpsOnly, appServiceClientCert],
  storage: [storageHttpsOnly, storageMinTls],
  redis: [redisSslOnly, redisMinTls],
  'mysql-flexible': [mysqlFlexibleRequireSsl, mysqlFlexibleMinTls],
  'postgresql-flexible': [postgresqlFlexibleRequireSsl, postgresqlFlexibleMinTls],
  sql: [sqlMinTls],
  cosmosdb: [cosmosdbMinTls],
  eventhub: [eventhubMinTls],
  servicebus: [servicebusMinTls],
  'redis-enterprise': [redisenterpriseEncrypted],
  // Retired servers: report-only controls, last in DESIGN.md's table.
  'single-servers': [mysqlSingleRequireSsl, mysqlSingleMinTls, postgresqlSingleRequireSsl, postgresqlSingleMinTls],
};

/**
 * The registry. The order is stable (kind order, then DESIGN.md's order within the kind: together
 * the order of DESIGN.md's control table) because reports, audit listings and the generated role
 * read it in this order.
 */
export const catalog: readonly ControlDefinition[] = Object.freeze(inKindOrder(CONTROLS_BY_KIND).flat());

export function controlById(id: string): ControlDefinition | undefined {
  return catalog.find((control) => control.id === id);
}

/** The controls that apply to an ARM type; ARM is inconsistent about case (`Microsoft.Cache/Redis`). */
export function controlsForType(resourceType: string): ControlDefinition[] {
  return controlsFor(catalog, resourceType);
}
