import { eventHubFacts } from '../../kinds/eventhub/facts';
import { sandboxType } from './from-facts';
import type { SandboxKind } from './kind';

/** Event Hubs namespaces: every rule comes from the kind's spec facts. */
export const eventHubKind: SandboxKind = {
  name: 'eventhub',
  types: eventHubFacts.types.map((type) => sandboxType(type)),
};
