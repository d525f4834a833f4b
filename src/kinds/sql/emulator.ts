import { facts as sqlFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Azure SQL logical servers: every rule comes from the kind's spec facts, so a PATCH is checked
 * against ServerUpdate at 2021-11-01 whatever api-version it names (the product sends only that one).
 */
export const emulator: SandboxKind = {
  name: 'sql',
  types: sqlFacts.types.map((type) => sandboxType(type)),
};
