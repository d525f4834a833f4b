import type { ControlDefinition } from '../../controls/types';
import redisSslOnly from './redis-ssl-only';
import redisMinTls from './redis-min-tls';

/** The Azure Cache for Redis controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [redisSslOnly, redisMinTls];
