import { facts as containerAppFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Azure Container Apps: every rule comes from the kind's spec facts. ContainerApps_Update answers 200
 * or 202; the sandbox always takes the 202 path, with the monitor of the spec's example, and merges
 * the body as JSON merge patch (objects key by key, arrays whole), as the operation says it does.
 */
export const emulator: SandboxKind = {
  name: 'containerapp',
  types: containerAppFacts.types.map((type) => sandboxType(type)),
};
