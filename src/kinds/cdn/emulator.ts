import { facts as cdnFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Front Door profiles and their custom domains: every rule comes from the kind's spec facts. A
 * custom domain is a child resource (its own id, its own PATCH), so it needs its profile in the estate.
 */
export const emulator: SandboxKind = {
  name: 'cdn',
  types: cdnFacts.types.map((type) => sandboxType(type)),
};
