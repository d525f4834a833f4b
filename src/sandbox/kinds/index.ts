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
 * 2. Add it to KINDS below, and add fixtures to test/fixtures/arm.ts and a test in test/sandbox/kinds/.
 *
 * Wave 2 (MySQL/PostgreSQL flexible servers + `configurations`, SQL servers, Cosmos DB, Event Hubs,
 * Service Bus, Redis Enterprise databases) plugs in this way. Non-resource routes (Resource Graph,
 * list endpoints for the sweep, server restart) go through `ArmSandbox.addRoute`, not here.
 */
import { appServiceKind } from './appservice';
import type { SandboxKind, SandboxType } from './kind';
import { redisKind } from './redis';
import { resourceGroupKind } from './resource-groups';
import { storageKind } from './storage';
import { wave2Kinds } from './wave2';

export const KINDS: readonly SandboxKind[] = [appServiceKind, storageKind, redisKind, resourceGroupKind, ...wave2Kinds];

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
