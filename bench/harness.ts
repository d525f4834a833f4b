/**
 * The benchmarks' wiring, as `sandboxRun` (src/cli/sandbox-command.ts) does it: the ARM emulator
 * with the Resource Graph route, the real runtime (official SDK clients through the emulator's
 * httpClient), and a memory audit store.
 */
import type { HttpClient } from '@azure/core-rest-pipeline';
import { MemoryAuditStore } from '../src/audit/memory-store';
import { DEFAULT_CONFIG, type WardenConfig } from '../src/config';
import type { ArmObject } from '../src/controls/types';
import { createLogger } from '../src/logger';
import { createRuntime, type Runtime } from '../src/runtime';
import { ArmSandbox, type SandboxCall, type SandboxRoute } from '../src/sandbox/arm-sandbox';
import type { Latency } from '../src/sandbox/faults';
import { GRAPH_RESOURCE_TYPE, resourceGraphRoute } from '../src/sandbox/resource-graph-route';
import { SUBSCRIPTION_ID } from '../test/fixtures/arm';

export interface BenchRig {
  sandbox: ArmSandbox;
  runtime: Runtime;
  audit: MemoryAuditStore;
  config: WardenConfig;
  /**
   * Milliseconds during which at least one request was inside the emulator (overlapping requests
   * count once). Lets the overhead benchmark tell our code and the SDK apart from the emulator.
   */
  emulatorMs(): number;
}

export interface RigOptions {
  /** Long-running-operation poll interval; the overhead benchmark uses 0 so it measures work, not waiting. */
  pollIntervalMs?: number;
  latencyMs?: Latency;
  recordCalls?: boolean;
  config?: Partial<WardenConfig>;
  /** Routes tried before the Resource Graph route (observers return undefined). */
  routes?: SandboxRoute[];
}

/**
 * The write budget (DEFAULT_CONFIG: 100 writes an hour) is raised: a benchmark that fixes thousands
 * of resources would otherwise measure the guard, not the write path. Everything else is default,
 * except the mode, which is enforce so fixes are written and verified.
 */
export function benchRig(estate: ArmObject[], options: RigOptions = {}): BenchRig {
  const sandbox = new ArmSandbox({ estate, latencyMs: options.latencyMs ?? 0, recordCalls: options.recordCalls ?? true });
  for (const route of options.routes ?? []) sandbox.addRoute(route);
  sandbox.addRoute(resourceGraphRoute(sandbox));
  const config: WardenConfig = {
    ...DEFAULT_CONFIG,
    mode: 'enforce',
    allowedSubscriptions: [SUBSCRIPTION_ID],
    writeBudget: { maxWrites: 1_000_000, windowMinutes: 60 },
    ...options.config,
  };
  const audit = new MemoryAuditStore();
  let inFlight = 0;
  let since = 0;
  let inside = 0;
  const httpClient: HttpClient = {
    sendRequest: async (request) => {
      if (inFlight++ === 0) since = nowMs();
      try {
        return await sandbox.httpClient.sendRequest(request);
      } finally {
        if (--inFlight === 0) inside += nowMs() - since;
      }
    },
  };
  const runtime = createRuntime({
    config,
    credential: sandbox.credential,
    httpClient,
    endpoint: sandbox.endpoint,
    audit,
    logger: createLogger({ level: 'silent' }),
    // sandboxRun's values: short LRO polls and retries, so the emulator's latency is what is measured.
    pollIntervalMs: options.pollIntervalMs ?? 5,
    retryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 100 },
  });
  return { sandbox, runtime, audit, config, emulatorMs: () => inside };
}

/** Calls split the way the targets are stated: resource reads, RG-tag reads, Graph, writes, LRO polls. */
export interface CallSplit {
  reads: number;
  rgTagReads: number;
  graphReads: number;
  writes: number;
  polls: number;
  /**
   * GETs of a resource after polling its long-running PATCH: the SDK's poller ends with one (the
   * Azure-AsyncOperation pattern), and the engine verifies against it. Part of the write's
   * protocol, so counted with the LRO, not with the reads the engine makes to decide.
   */
  lroFinalGets: number;
}

/** Splits a call log; `calls` must be the log of one evaluation (or of independent ones in order). */
export function splitCalls(calls: readonly SandboxCall[]): CallSplit {
  const split: CallSplit = { reads: 0, rgTagReads: 0, graphReads: 0, writes: 0, polls: 0, lroFinalGets: 0 };
  const polled = new Set<string>();
  const written = new Set<string>();
  for (const call of calls) {
    const path = call.path.toLowerCase();
    if (call.kind === 'poll') {
      split.polls += 1;
      for (const w of written) polled.add(w);
    } else if (call.resourceType === GRAPH_RESOURCE_TYPE) split.graphReads += 1;
    else if (call.kind === 'write') {
      split.writes += 1;
      written.add(path);
    } else if (call.resourceType?.toLowerCase() === 'microsoft.resources/resourcegroups') split.rgTagReads += 1;
    else if (polled.has(path)) {
      split.lroFinalGets += 1;
      polled.delete(path);
      written.delete(path);
    } else split.reads += 1;
  }
  return split;
}

/** Nearest-rank percentile over unsorted samples. */
export function percentileOf(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
