import { facts as sqlManagedInstanceFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Azure SQL Managed Instances: every rule comes from the kind's spec facts, so a PATCH is checked
 * against ManagedInstanceUpdate at 2021-11-01 whatever api-version it names (the product sends only
 * that one), and answers 202 with the resource-group-scoped Azure-AsyncOperation monitor.
 */
export const emulator: SandboxKind = {
  name: 'sql-managed-instance',
  types: sqlManagedInstanceFacts.types.map((type) => sandboxType(type)),
};
