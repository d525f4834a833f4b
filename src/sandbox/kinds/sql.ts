import { sqlFacts } from '../../kinds/sql/facts';
import { sandboxType } from './from-facts';
import type { SandboxKind } from './kind';

/**
 * Azure SQL logical servers: every rule comes from the kind's spec facts, so a PATCH is checked
 * against ServerUpdate at 2021-11-01 whatever api-version it names (the product sends only that one).
 */
export const sqlKind: SandboxKind = {
  name: 'sql',
  types: sqlFacts.types.map((type) => sandboxType(type)),
};
