import { singleServersFacts } from '../../kinds/single-servers/facts';
import { sandboxType } from './from-facts';
import type { SandboxKind } from './kind';

/**
 * Retired Azure Database for MySQL / PostgreSQL single servers, kept visible by report-only controls.
 * The facts state no write, so the sandbox accepts no property writes.
 */
export const singleServersKind: SandboxKind = {
  name: 'single-servers',
  types: singleServersFacts.types.map((type) => sandboxType(type)),
};
