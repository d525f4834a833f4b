/**
 * The sandbox's resource kinds. A kind's rules are its spec facts (src/kinds/<kind>/facts.ts): type,
 * api-versions, readOnly paths, the write's writable set with enums, and its long-running monitors.
 * Adding a kind:
 *
 * 1. State its facts in `src/kinds/<kind>/facts.ts` (see src/kinds/facts.ts), read from the REST spec
 *    of the api-version the SDK sends, naming the spec file; list them in src/kinds/facts-by-kind.ts.
 * 2. Create `src/sandbox/kinds/<kind>.ts` exporting a `SandboxKind` whose types are
 *    `sandboxType(facts, behaviour)` (./from-facts.ts). Only emulator behaviour belongs there:
 *    `normalize` (what ARM never returns), `defaultChildren` (documents ARM always has, such as a
 *    site's `config/web`), `afterPatch` (what the RP does after a write, such as a static parameter
 *    pending a restart). A PATCH to a path the facts do not list as writable is refused.
 * 3. Add it to SANDBOX_KINDS below (a Record over KIND_NAMES: a kind without one does not compile),
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
