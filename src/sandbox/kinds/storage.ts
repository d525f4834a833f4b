import { storageFacts } from '../../kinds/storage/facts';
import { sandboxType } from './from-facts';
import type { SandboxKind } from './kind';

/** Storage accounts: every rule comes from the kind's spec facts. The SDK's enableHttpsTrafficOnly is supportsHttpsTrafficOnly on the wire. */
export const storageKind: SandboxKind = {
  name: 'storage',
  types: storageFacts.types.map((type) => sandboxType(type)),
};
