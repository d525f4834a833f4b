import type { ControlDefinition } from '../../controls/types';
import mysqlSingleRequireSsl from './mysql-single-require-ssl';
import mysqlSingleMinTls from './mysql-single-min-tls';
import postgresqlSingleRequireSsl from './postgresql-single-require-ssl';
import postgresqlSingleMinTls from './postgresql-single-min-tls';

/** The retired MySQL and PostgreSQL single-server controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [mysqlSingleRequireSsl, mysqlSingleMinTls, postgresqlSingleRequireSsl, postgresqlSingleMinTls];
