import { facts as serviceBusFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Service Bus namespaces: every rule comes from the kind's spec facts, so a PATCH of minimumTlsVersion
 * is refused (SBNamespaceUpdateProperties lacks it) and a PUT of the namespace as read, with only
 * PUT-writable properties changed, is accepted. The sandbox answers every api-version with the same
 * document (real ARM would omit minimumTlsVersion at 2021-11-01).
 */
export const emulator: SandboxKind = {
  name: 'servicebus',
  types: serviceBusFacts.types.map((type) => sandboxType(type)),
};
