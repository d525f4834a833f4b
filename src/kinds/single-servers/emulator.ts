import { facts as singleServersFacts } from './facts';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

/**
 * Retired Azure Database for MySQL / PostgreSQL single servers, kept visible by report-only controls.
 * The facts state no write, so the sandbox accepts no property writes.
 */
export const emulator: SandboxKind = {
  name: 'single-servers',
  types: singleServersFacts.types.map((type) => sandboxType(type)),
};
