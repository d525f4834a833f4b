import type { ControlDefinition } from '../../controls/types';
import redisenterpriseEncrypted from './redisenterprise-encrypted';
import redisenterpriseMinTls from './redisenterprise-min-tls';

/**
 * The Azure Cache for Redis Enterprise / Azure Managed Redis controls, in the order of DESIGN.md's
 * tables (the databases' control is in the control table, the cluster's in the next controls).
 */
export const controls: readonly ControlDefinition[] = [redisenterpriseEncrypted, redisenterpriseMinTls];
