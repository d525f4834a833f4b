import type { ControlDefinition } from '../../controls/types';
import postgresqlFlexibleRequireSsl from './postgresql-flexible-require-ssl';
import postgresqlFlexibleMinTls from './postgresql-flexible-min-tls';

/** The PostgreSQL flexible server controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [postgresqlFlexibleRequireSsl, postgresqlFlexibleMinTls];
