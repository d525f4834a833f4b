import { redisEnterpriseFacts } from '../../kinds/redis-enterprise/facts';
import { sandboxType } from './from-facts';
import type { SandboxKind } from './kind';

/**
 * Azure Managed Redis / Redis Enterprise clusters and their databases: every rule comes from the
 * kind's spec facts. A database is a child resource (its own id, its own PATCH), so it needs its
 * cluster in the estate.
 */
export const redisEnterpriseKind: SandboxKind = {
  name: 'redis-enterprise',
  types: redisEnterpriseFacts.types.map((type) => sandboxType(type)),
};
