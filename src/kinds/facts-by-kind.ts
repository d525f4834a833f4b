import { appServiceFacts } from './appservice/facts';
import type { KindFacts } from './facts';
import type { KindName } from './names';
import { cosmosDbFacts } from './cosmosdb/facts';
import { eventHubFacts } from './eventhub/facts';
import { mysqlFlexibleFacts } from './mysql-flexible/facts';
import { postgresqlFlexibleFacts } from './postgresql-flexible/facts';
import { redisFacts } from './redis/facts';
import { redisEnterpriseFacts } from './redis-enterprise/facts';
import { serviceBusFacts } from './servicebus/facts';
import { singleServersFacts } from './single-servers/facts';
import { sqlFacts } from './sql/facts';
import { storageFacts } from './storage/facts';

/**
 * Each kind's spec facts (src/kinds/<kind>/facts.ts), a Record over KIND_NAMES: a kind without its
 * facts does not compile. The emulator's types and the SDK adapters' api-versions and writable sets
 * are read from these.
 */
export const FACTS_BY_KIND: Readonly<Record<KindName, KindFacts>> = {
  appservice: appServiceFacts,
  storage: storageFacts,
  redis: redisFacts,
  'mysql-flexible': mysqlFlexibleFacts,
  'postgresql-flexible': postgresqlFlexibleFacts,
  sql: sqlFacts,
  cosmosdb: cosmosDbFacts,
  eventhub: eventHubFacts,
  servicebus: serviceBusFacts,
  'redis-enterprise': redisEnterpriseFacts,
  'single-servers': singleServersFacts,
};
