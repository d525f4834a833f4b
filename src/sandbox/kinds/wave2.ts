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
 * The wave-2 kinds (issue 6). Until they are listed in KINDS (./index.ts), pass them to the sandbox:
 * `new ArmSandbox({ kinds: [...KINDS, ...wave2Kinds] })`. MySQL restarts also need
 * `sandbox.addRoute(serverRestartRoute())` from ../server-restart-route.
 */
export const wave2Kinds: readonly SandboxKind[] = [
  mysqlFlexibleKind, postgresqlFlexibleKind, sqlKind, cosmosDbKind, eventHubKind, serviceBusKind, redisEnterpriseKind, singleServersKind,
];
