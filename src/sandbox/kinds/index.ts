/**
 * The sandbox's resource kinds: each kind's emulator type is src/kinds/<kind>/emulator.ts, and its
 * rules are the kind's spec facts (src/kinds/<kind>/facts.ts): type, api-versions, readOnly paths,
 * the write's writable set with enums, and its long-running monitors. The emulator file holds only
 * emulator behaviour: `normalize` (what ARM never returns), `defaultChildren` (documents ARM always
 * has, such as a site's `config/web`), `afterPatch` (what the RP does after a write, such as a static
 * parameter pending a restart). A PATCH to a path the facts do not list as writable is refused.
 * docs/contributing.md says how to add a kind.
 *
 * Non-resource routes (Resource Graph, list endpoints for the sweep, server restart) go through
 * `ArmSandbox.addRoute`, not here.
 */
import { EMULATORS_BY_KIND } from '../../kinds/generated/emulator';
import { inKindOrder } from '../../kinds/names';
import type { SandboxKind, SandboxType } from './kind';
import { resourceGroupKind } from './resource-groups';

/** Each kind's emulated ARM types (src/kinds/<kind>/emulator.ts). Server restarts are served by the restart route addStandardRoutes adds. */
export const SANDBOX_KINDS = EMULATORS_BY_KIND;

/** The kinds' types plus resource groups (not a kind of ours, but ARM has them for every resource). */
export const KINDS: readonly SandboxKind[] = [...inKindOrder(SANDBOX_KINDS), resourceGroupKind];

/**
 * Type rules keyed by lower-case ARM type, or type and document name where a kind names the
 * document (`Microsoft.Web/sites/config` named `authsettingsV2`): at most two Map lookups per request.
 */
export class TypeRegistry {
  private readonly byType = new Map<string, SandboxType>();

  constructor(kinds: readonly SandboxKind[] = KINDS) {
    for (const kind of kinds) {
      for (const rule of kind.types) {
        const key = keyOf(rule.type, rule.name);
        if (this.byType.has(key)) throw new Error(`sandbox kind ${kind.name} redefines type ${rule.type}${rule.name === undefined ? '' : ` (document ${rule.name})`}`);
        this.byType.set(key, rule);
      }
    }
  }

  /** The rules for an object of `type` whose id ends in `name`: the named document's, else the type's. */
  get(type: string, name?: string): SandboxType | undefined {
    return (name === undefined ? undefined : this.byType.get(keyOf(type, name))) ?? this.byType.get(keyOf(type));
  }
}

// A type never holds a space, so the key cannot be confused with another type's.
function keyOf(type: string, name?: string): string {
  return (name === undefined ? type : `${type} ${name}`).toLowerCase();
}

export type { SandboxKind, SandboxType } from './kind';
