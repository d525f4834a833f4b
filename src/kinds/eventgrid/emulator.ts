import { facts as eventGridFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Event Grid topics and domains: every rule comes from the kind's spec facts (the update models'
 * writable sets, the TlsVersion enum, readOnly paths, api-versions). The facts record no monitors,
 * so a PATCH is answered 200 with the resource; the sandbox answers every api-version with the same
 * document (real ARM would omit minimumTlsVersionAllowed at 2022-06-15).
 */
export const emulator: SandboxKind = {
  name: 'eventgrid',
  types: eventGridFacts.types.map((type) => sandboxType(type)),
};
