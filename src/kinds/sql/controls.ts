import type { ControlDefinition } from '../../controls/types';
import sqlMinTls from './sql-min-tls';

/** The Azure SQL logical server controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [sqlMinTls];
