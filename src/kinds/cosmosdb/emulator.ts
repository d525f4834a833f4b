import { facts as cosmosDbFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/** Cosmos DB accounts: every rule comes from the kind's spec facts. DatabaseAccounts_Update is long-running and slow in Azure (minutes). */
export const emulator: SandboxKind = {
  name: 'cosmosdb',
  types: cosmosDbFacts.types.map((type) => sandboxType(type)),
};
