import type { ControlDefinition } from '../../controls/types';
import sqlmiMinTls from './sqlmi-min-tls';

/** The Azure SQL Managed Instance controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [sqlmiMinTls];
