import { facts as redisEnterpriseFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Azure Managed Redis / Redis Enterprise clusters and their databases: every rule comes from the
 * kind's spec facts. A database is a child resource (its own id, its own PATCH), so it needs its
 * cluster in the estate.
 */
export const emulator: SandboxKind = {
  name: 'redis-enterprise',
  types: redisEnterpriseFacts.types.map((type) => sandboxType(type)),
};
