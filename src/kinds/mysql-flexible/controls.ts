import type { ControlDefinition } from '../../controls/types';
import mysqlFlexibleRequireSsl from './mysql-flexible-require-ssl';
import mysqlFlexibleMinTls from './mysql-flexible-min-tls';

/** The MySQL flexible server controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [mysqlFlexibleRequireSsl, mysqlFlexibleMinTls];
