import { typeFacts } from '../facts';
import { facts as iothubFacts } from './facts';
import { IOTHUB_TYPE } from './shared';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * IoT hubs, reported on by a report-only control. The facts state no write (Azure's PATCH takes
 * tags only and transit-warden sends none), so the sandbox accepts no property writes.
 */
export const emulator: SandboxKind = {
  name: 'iothub',
  types: [sandboxType(typeFacts(iothubFacts, IOTHUB_TYPE))],
};
