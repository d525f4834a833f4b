import { cosmosDbAdapter } from './cosmosdb';
import { eventHubAdapter } from './eventhub';
import type { KindAdapterFactory } from './kind';
import { mysqlFlexibleAdapter } from './mysql-flexible';
import { postgresqlFlexibleAdapter } from './postgresql-flexible';
import { redisEnterpriseAdapter } from './redis-enterprise';
import { serviceBusAdapter } from './servicebus';
import { singleServersAdapter } from './single-servers';
import { sqlAdapter } from './sql';

/** Wave-2 gateway adapters (issue 6): databases, messaging and caches; part of DEFAULT_ADAPTERS in ../gateway.ts. */
export const wave2Adapters: readonly KindAdapterFactory[] = [
  mysqlFlexibleAdapter, postgresqlFlexibleAdapter, sqlAdapter, cosmosDbAdapter, eventHubAdapter, serviceBusAdapter, redisEnterpriseAdapter, singleServersAdapter,
];
