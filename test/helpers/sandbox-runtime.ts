import type { AuditKey } from '../../src/audit/integrity';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import type { AuditRecord } from '../../src/audit/record';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import type { ArmObject, ControlDefinition } from '../../src/controls/types';
import { createEngine } from '../../src/engine/engine';
import type { Clock, ResourceWriter } from '../../src/engine/ports';
import type { Engine } from '../../src/engine/types';
import { ArmGateway } from '../../src/azure/gateway';
import type { KindAdapterFactory } from '../../src/azure/kinds/kind';
import { createLogger } from '../../src/logger';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { addStandardRoutes } from '../../src/sandbox/standard-routes';
import type { SandboxRestart } from '../../src/sandbox/server-restart-route';
import { SUBSCRIPTION_ID } from '../fixtures/arm';

/** Retries as the SDK does them, only fast: Retry-After from the emulator is still honoured. */
export const SANDBOX_RETRY = { retryDelayInMs: 1, maxRetryDelayInMs: 5 };

export const FIXED_NOW = new Date('2026-11-23T12:00:00Z');
export const fixedClock = (at: Date = FIXED_NOW): Clock & { set(date: Date): void } => {
  let now = at;
  return { now: () => new Date(now), set: (date) => { now = date; } };
};

export interface SandboxEngine {
  sandbox: ArmSandbox;
  audit: MemoryAuditStore;
  gateway: ArmGateway;
  engine: Engine;
  clock: ReturnType<typeof fixedClock>;
  /** Server restarts the emulator was asked for. */
  restarts: readonly SandboxRestart[];
  /** Evaluate one resource as a sweep of run `occurrence` would. */
  process(resourceId: string, occurrence?: string): Promise<AuditRecord[]>;
}

/** The real engine and ARM gateway (official SDK clients) over the in-process ARM emulator. */
export function sandboxEngine(
  estate: ArmObject[],
  options: {
    config?: Partial<WardenConfig>;
    catalog?: readonly ControlDefinition[];
    adapters?: readonly KindAdapterFactory[];
    wrapWriter?: (writer: ResourceWriter) => ResourceWriter;
    /** The caller's role actions; unset, the emulator allows everything. */
    role?: readonly string[];
    /** Seal the audit log with this key (HMAC), as a deployment holding TRANSIT_WARDEN_AUDIT_KEY does. */
    auditKey?: AuditKey;
  } = {},
): SandboxEngine {
  const sandbox = new ArmSandbox({ estate, role: options.role });
  const { restarts } = addStandardRoutes(sandbox);
  const audit = new MemoryAuditStore([], { key: options.auditKey });
  const clock = fixedClock();
  const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 5, adapters: options.adapters, retryOptions: SANDBOX_RETRY });
  const config: WardenConfig = { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID], ...options.config };
  const writer = options.wrapWriter ? options.wrapWriter(gateway) : gateway;
  const engine = createEngine({ ports: { reader: gateway, writer, audit, clock }, config, catalog: options.catalog, logger: createLogger({ level: 'silent' }) });
  return {
    sandbox, audit, gateway, engine, clock, restarts,
    process: (resourceId, occurrence = 'run-1') =>
      engine.process({ resourceId, trigger: 'sweep', occurrence, eventId: null, correlationId: null, actor: null }),
  };
}

export function byControl(records: AuditRecord[]): Record<string, AuditRecord> {
  return Object.fromEntries(records.map((r) => [r.control, r]));
}
