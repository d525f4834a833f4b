/**
 * `sandboxEngine` (./sandbox-runtime) for the wave-2 kinds. That helper builds its ArmSandbox with the
 * default KINDS and no extra routes, and the wave-2 kinds are not in KINDS yet; this one is the same
 * wiring plus `kinds: [...KINDS, ...wave2Kinds]` and the flexible-server restart route. Once KINDS
 * lists the wave-2 kinds and sandboxEngine takes `routes`, tests can use sandboxEngine directly.
 */
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { catalog } from '../../src/controls';
import { wave2Controls } from '../../src/controls/wave2';
import type { ArmObject, ControlDefinition } from '../../src/controls/types';
import { createEngine } from '../../src/engine/engine';
import { ArmGateway, DEFAULT_ADAPTERS } from '../../src/azure/gateway';
import type { KindAdapterFactory } from '../../src/azure/kinds/kind';
import { wave2Adapters } from '../../src/azure/kinds/wave2';
import { createLogger } from '../../src/logger';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { KINDS } from '../../src/sandbox/kinds';
import { wave2Kinds } from '../../src/sandbox/kinds/wave2';
import { serverRestartRoute, type SandboxRestart } from '../../src/sandbox/server-restart-route';
import { SUBSCRIPTION_ID } from '../fixtures/arm';
import { fixedClock, SANDBOX_RETRY, type SandboxEngine } from './sandbox-runtime';

/** Everything the wave-2 tests need: the catalog and adapters with wave 2 appended, without duplicates. */
export const WAVE2_CATALOG: readonly ControlDefinition[] = [...catalog, ...wave2Controls.filter((c) => !catalog.some((w) => w.id === c.id))];
export const WAVE2_ADAPTERS: readonly KindAdapterFactory[] = [...DEFAULT_ADAPTERS, ...wave2Adapters.filter((a) => !DEFAULT_ADAPTERS.includes(a))];
const WAVE2_KINDS = [...KINDS, ...wave2Kinds.filter((k) => !KINDS.some((known) => known.name === k.name))];

export interface Wave2SandboxEngine extends SandboxEngine {
  /** Restarts the sandbox accepted (POST .../flexibleServers/{name}/restart). */
  restarts: readonly SandboxRestart[];
}

export function wave2SandboxEngine(
  estate: ArmObject[],
  options: { config?: Partial<WardenConfig>; catalog?: readonly ControlDefinition[] } = {},
): Wave2SandboxEngine {
  const sandbox = new ArmSandbox({ estate, kinds: WAVE2_KINDS });
  const restart = serverRestartRoute();
  sandbox.addRoute(restart.route);
  const audit = new MemoryAuditStore();
  const clock = fixedClock();
  const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 5, adapters: WAVE2_ADAPTERS, retryOptions: SANDBOX_RETRY });
  const config: WardenConfig = { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID], ...options.config };
  const engine = createEngine({ ports: { reader: gateway, writer: gateway, audit, clock }, config, catalog: options.catalog ?? WAVE2_CATALOG, logger: createLogger({ level: 'silent' }) });
  return {
    sandbox, audit, gateway, engine, clock,
    restarts: restart.restarts,
    process: (resourceId, occurrence = 'run-1') =>
      engine.process({ resourceId, trigger: 'sweep', occurrence, eventId: null, correlationId: null, actor: null }),
  };
}
