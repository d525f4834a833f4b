import { facts as redisFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Azure Cache for Redis: every rule comes from the kind's spec facts. Redis_Update answers 200 or 202;
 * the sandbox always takes the 202 path, with the monitors Azure was recorded sending.
 */
export const emulator: SandboxKind = {
  name: 'redis',
  types: redisFacts.types.map((type) => sandboxType(type)),
};
