/**
 * Wave 2 is registered in the catalog, the gateway's adapters and the sandbox's kinds, so its tests
 * use the ordinary wiring; these names stay for readability in the wave-2 tests.
 */
import { catalog } from '../../src/controls';
import type { ControlDefinition } from '../../src/controls/types';
import { DEFAULT_ADAPTERS } from '../../src/azure/gateway';
import type { KindAdapterFactory } from '../../src/azure/kinds/kind';
import { sandboxEngine, type SandboxEngine } from './sandbox-runtime';

export const WAVE2_CATALOG: readonly ControlDefinition[] = catalog;
export const WAVE2_ADAPTERS: readonly KindAdapterFactory[] = DEFAULT_ADAPTERS;
export type Wave2SandboxEngine = SandboxEngine;
export const wave2SandboxEngine = sandboxEngine;
