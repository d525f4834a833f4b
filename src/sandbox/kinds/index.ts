/**
 * The sandbox's resource kinds. Adding a kind is one file plus one line here:
 *
 * 1. Create `src/sandbox/kinds/<kind>.ts` exporting a `SandboxKind` (see ./kind.ts): for each ARM type
 *    it serves (resource types and child documents), give
 *    - `type` exactly as GET returns it (`Microsoft.DBforMySQL/flexibleServers`); ids and URLs are
 *      matched case-insensitively, so `Microsoft.Cache/Redis` also serves `.../Microsoft.Cache/redis/x`;
 *    - `apiVersions` ARM accepts (include the one the official SDK in package.json sends);
 *    - `readOnly` and `writable` dotted paths and `values` rules from the REST spec — only what the
 *      controls write needs a rule, but a PATCH to a path not in `writable` is refused;
 *    - `document: true` for child documents owned by a resource (`config/web`, `configurations/{name}`):
 *      writes are then recorded as target `configurations/require_secure_transport` against the server;
 *    - `longRunning: {status, …}` when PATCH is long-running: the provider's own monitor URLs;
 *    - `defaultChildren` when ARM always has a child document the estate may omit.
 * 2. Add it to SANDBOX_KINDS below (a Record over KIND_NAMES: a kind without one does not compile),
 *    and add fixtures to test/fixtures/ and a test in test/sandbox/kinds/.
 *
 * Non-resource routes (Resource Graph, list endpoints for the sweep, server restart) go through
 * `ArmSandbox.addRoute`, not here.
 */
import { inKindOrder, type KindName } from '../../kinds/names';
import { appServiceKind } from './appservice';
import { cosmosDbKind } from './cosmosdb';
import { eventHubKind } from './eventhub';
import type { SandboxKind, SandboxType } from './kind';
import { mysqlFlexibleKind } from './mysql-flexible';
import { postgresqlFlexibleKind } from './postgresql-flexible';
import { redisKind } from './redis';
import { redisEnterpriseKind } from './redis-enterprise';
import { resourceGroupKind } from './resource-groups';
import { serviceBusKind } from './servicebus';
import { singleServersKind } from './single-servers';
import { sqlKind } from './sql';
import { storageKind } from './storage';

/** Each kind's emulated ARM types. Server restarts are served by the restart route addStandardRoutes adds. */
export const SANDBOX_KINDS: Readonly<Record<KindName, SandboxKind>> = {
  appservice: appServiceKind,
  storage: storageKind,
  redis: redisKind,
  'mysql-flexible': mysqlFlexibleKind,
  'postgresql-flexible': postgresqlFlexibleKind,
  sql: sqlKind,
  cosmosdb: cosmosDbKind,
  eventhub: eventHubKind,
  servicebus: serviceBusKind,
  'redis-enterprise': redisEnterpriseKind,
  'single-servers': singleServersKind,
};

/** The kinds' types plus resource groups (not a kind of ours, but ARM has them for every resource). */
export const KINDS: readonly SandboxKind[] = [...inKindOrder(SANDBOX_KINDS), resourceGroupKind];

/** Type rules keyed by lower-case ARM type: one Map lookup per request. */
export class TypeRegistry {
  private readonly byType = new Map<string, SandboxType>();

  constructor(kinds: readonly SandboxKind[] = KINDS) {
    for (const kind of kinds) {
      for (const rule of kind.types) {
        const key = rule.type.toLowerCase();
        if (this.byType.has(key)) throw new Error(`sandbox kind ${kind.name} redefines type ${rule.type}`);
        this.byType.set(key, rule);
      }
    }
  }

  get(type: string): SandboxType | undefined {
    return this.byType.get(type.toLowerCase());
  }
}

export type { SandboxKind, SandboxType } from './kind';
