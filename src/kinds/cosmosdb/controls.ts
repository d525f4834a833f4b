import type { ControlDefinition } from '../../controls/types';
import cosmosdbMinTls from './cosmosdb-min-tls';

/** The Cosmos DB account controls, in the order of DESIGN.md's control table. */
export const controls: readonly ControlDefinition[] = [cosmosdbMinTls];
