import type { ControlDefinition } from '../../controls/types';
import appgwMinTls from './appgw-min-tls';

/** The Application Gateway controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [appgwMinTls];
