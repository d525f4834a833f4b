import type { ControlDefinition } from '../../controls/types';
import redisenterpriseEncrypted from './redisenterprise-encrypted';

/** The Azure Cache for Redis Enterprise / Azure Managed Redis controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [redisenterpriseEncrypted];
