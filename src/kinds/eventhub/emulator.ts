import { facts as eventHubFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/** Event Hubs namespaces: every rule comes from the kind's spec facts. */
export const emulator: SandboxKind = {
  name: 'eventhub',
  types: eventHubFacts.types.map((type) => sandboxType(type)),
};
