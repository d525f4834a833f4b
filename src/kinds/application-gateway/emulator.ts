import { facts as applicationGatewayFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Application Gateways in the sandbox, from the facts: GET at the served api-versions, and the
 * spec's only PATCH (ApplicationGateways_UpdateTags), which carries tags and nothing else. No PUT is
 * emulated: transit-warden never sends one.
 */
export const emulator: SandboxKind = {
  name: 'application-gateway',
  types: applicationGatewayFacts.types.map((type) => sandboxType(type)),
};
