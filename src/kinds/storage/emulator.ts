import { facts as storageFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/** Storage accounts: every rule comes from the kind's spec facts. The SDK's enableHttpsTrafficOnly is supportsHttpsTrafficOnly on the wire. */
export const emulator: SandboxKind = {
  name: 'storage',
  types: storageFacts.types.map((type) => sandboxType(type)),
};
