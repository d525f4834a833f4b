import { WardenError } from './errors';
import { isSubscriptionId } from './azure/resource-id';

/** Global mode: a new deployment starts in dry-run. `report` is per control only. */
export type GlobalMode = 'enforce' | 'dry-run';
export type ControlModeSetting = 'enforce' | 'dry-run' | 'report';

export interface WardenConfig {
  mode: GlobalMode;
  /** Per-control overrides of the control's default mode. */
  controlModes: Record<string, ControlModeSetting>;
  /** Subscriptions events and sweeps may act in; empty means none (fail closed). */
  allowedSubscriptions: string[];
  /** Object ids / app ids of transit-warden's own identity, whose writes are not re-evaluated. */
  ownIdentities: string[];
  /** Controls whose fix needs a server restart run only when this is true. */
  allowRestarts: boolean;
  flap: { maxFixes: number; windowMinutes: number };
  writeBudget: { maxWrites: number; windowMinutes: number };
  /**
   * Where the sweep finds candidates: Resource Graph (`graph`), ARM list calls (`list`, for clouds
   * without Graph), or Graph falling back to list calls when Graph fails (`auto`).
   */
  sweepSource: SweepSourceSetting;
}

export type SweepSourceSetting = 'auto' | 'graph' | 'list';
export const SWEEP_SOURCES: readonly SweepSourceSetting[] = ['auto', 'graph', 'list'];

/** Every six hours, on the hour (six-field NCRONTAB, as the Functions timer reads it). */
export const DEFAULT_SWEEP_SCHEDULE = '0 0 */6 * * *';

export const DEFAULT_CONFIG: WardenConfig = {
  mode: 'dry-run',
  controlModes: {},
  allowedSubscriptions: [],
  ownIdentities: [],
  allowRestarts: false,
  flap: { maxFixes: 3, windowMinutes: 60 },
  writeBudget: { maxWrites: 100, windowMinutes: 60 },
  sweepSource: 'auto',
};


function bad(message: string): WardenError {
  return new WardenError('INVALID_CONFIG', message);
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw bad(`${name} must be a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

export function parseGlobalMode(value: string | undefined, fallback: GlobalMode = DEFAULT_CONFIG.mode): GlobalMode {
  if (value === undefined || value === '') return fallback;
  if (value === 'enforce' || value === 'dry-run') return value;
  throw bad(`mode must be enforce or dry-run, got ${JSON.stringify(value)}`);
}

/** `id=mode,id=mode`; ids are checked against the catalog by the caller that knows it. */
export function parseControlModes(value: string | undefined): Record<string, ControlModeSetting> {
  const result: Record<string, ControlModeSetting> = {};
  for (const pair of list(value)) {
    const [id, mode, extra] = pair.split('=');
    if (!id || !mode || extra !== undefined) throw bad(`control mode ${JSON.stringify(pair)} must look like control-id=mode`);
    if (mode !== 'enforce' && mode !== 'dry-run' && mode !== 'report') {
      throw bad(`control mode for ${id} must be enforce, dry-run or report, got ${JSON.stringify(mode)}`);
    }
    result[id] = mode;
  }
  return result;
}

/**
 * Per-control modes must name controls that exist: a misspelt id would otherwise be ignored and leave
 * the control at its default — often enforce — while the operator believes it reports only.
 */
export function checkControlModes(config: WardenConfig, controlIds: readonly string[]): void {
  const known = new Set(controlIds);
  const unknown = Object.keys(config.controlModes).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw bad(`TRANSIT_WARDEN_CONTROL_MODES names unknown control(s) ${unknown.map((id) => JSON.stringify(id)).join(', ')}; known: ${[...known].sort().join(', ')}`);
  }
}

/**
 * The sweep schedule alone: the timer registration needs it at import time, and building the whole
 * runtime there would make every cold start pay for credentials, stores and SDKs.
 */
export function sweepScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.TRANSIT_WARDEN_SWEEP_SCHEDULE || DEFAULT_SWEEP_SCHEDULE;
}

/**
 * Configuration from app settings (environment). Bad values fail at start-up with a clear message,
 * never silently fall back to a more permissive setting.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): WardenConfig {
  const allowedSubscriptions = list(env.TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS);
  for (const s of allowedSubscriptions) {
    if (!isSubscriptionId(s)) throw bad(`TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS holds ${JSON.stringify(s)}, which is not a subscription id`);
  }
  const allowRestarts = env.TRANSIT_WARDEN_ALLOW_RESTARTS ?? 'false';
  if (allowRestarts !== 'true' && allowRestarts !== 'false') throw bad('TRANSIT_WARDEN_ALLOW_RESTARTS must be true or false');
  const sweepSource = env.TRANSIT_WARDEN_SWEEP_SOURCE || DEFAULT_CONFIG.sweepSource;
  if (!(SWEEP_SOURCES as readonly string[]).includes(sweepSource)) {
    throw bad(`TRANSIT_WARDEN_SWEEP_SOURCE must be ${SWEEP_SOURCES.join(', ')}, got ${JSON.stringify(sweepSource)}`);
  }
  return {
    mode: parseGlobalMode(env.TRANSIT_WARDEN_MODE),
    controlModes: parseControlModes(env.TRANSIT_WARDEN_CONTROL_MODES),
    allowedSubscriptions: allowedSubscriptions.map((s) => s.toLowerCase()),
    ownIdentities: list(env.TRANSIT_WARDEN_OWN_IDENTITIES).map((s) => s.toLowerCase()),
    allowRestarts: allowRestarts === 'true',
    flap: {
      maxFixes: positiveInt('TRANSIT_WARDEN_FLAP_MAX_FIXES', env.TRANSIT_WARDEN_FLAP_MAX_FIXES, DEFAULT_CONFIG.flap.maxFixes),
      windowMinutes: positiveInt('TRANSIT_WARDEN_FLAP_WINDOW_MINUTES', env.TRANSIT_WARDEN_FLAP_WINDOW_MINUTES, DEFAULT_CONFIG.flap.windowMinutes),
    },
    writeBudget: {
      maxWrites: positiveInt('TRANSIT_WARDEN_WRITE_BUDGET', env.TRANSIT_WARDEN_WRITE_BUDGET, DEFAULT_CONFIG.writeBudget.maxWrites),
      windowMinutes: positiveInt('TRANSIT_WARDEN_WRITE_BUDGET_WINDOW_MINUTES', env.TRANSIT_WARDEN_WRITE_BUDGET_WINDOW_MINUTES, DEFAULT_CONFIG.writeBudget.windowMinutes),
    },
    sweepSource: sweepSource as SweepSourceSetting,
  };
}
