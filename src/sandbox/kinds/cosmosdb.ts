import { cosmosDbFacts } from '../../kinds/cosmosdb/facts';
import { sandboxType } from './from-facts';
import type { SandboxKind } from './kind';

/** Cosmos DB accounts: every rule comes from the kind's spec facts. DatabaseAccounts_Update is long-running and slow in Azure (minutes). */
export const cosmosDbKind: SandboxKind = {
  name: 'cosmosdb',
  types: cosmosDbFacts.types.map((type) => sandboxType(type)),
};
