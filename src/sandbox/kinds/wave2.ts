import { cosmosDbKind } from './cosmosdb';
import { eventHubKind } from './eventhub';
import type { SandboxKind } from './kind';
import { mysqlFlexibleKind } from './mysql-flexible';
import { postgresqlFlexibleKind } from './postgresql-flexible';
import { redisEnterpriseKind } from './redis-enterprise';
import { serviceBusKind } from './servicebus';
import { singleServersKind } from './single-servers';
import { sqlKind } from './sql';

/**
 * The wave-2 kinds (issue 6): databases, messaging and caches; part of KINDS (./index.ts). Their
 * server restarts are served by the restart route that addStandardRoutes adds.
 */
export const wave2Kinds: readonly SandboxKind[] = [
  mysqlFlexibleKind, postgresqlFlexibleKind, sqlKind, cosmosDbKind, eventHubKind, serviceBusKind, redisEnterpriseKind, singleServersKind,
];
