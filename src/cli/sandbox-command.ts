import { writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { InvocationContext } from '@azure/functions';
import type { AuditRecord } from '../audit/record';
import type { AuditStore } from '../audit/store';
import { JsonlAuditStore } from '../audit/jsonl-store';
import { MemoryAuditStore } from '../audit/memory-store';
import { commandConfig, logLevelFromEnv, type WardenConfig } from '../config';
import { catalog } from '../controls';
import type { ArmObject } from '../controls/types';
import { WardenError } from '../errors';
import { runSweep, type SweepSummary } from '../engine/sweep';
import { skippedEvents, type IntakeSummary, type Intake } from '../events/intake';
import { onResourceWrite } from '../handlers/on-resource-write';
import { createLogger } from '../logger';
import { createRuntime, type Runtime } from '../runtime';
import { ArmSandbox } from '../sandbox/arm-sandbox';
import { addStandardRoutes } from '../sandbox/standard-routes';
import { sweepSource } from '../azure/sweep-source';
import { commandAuditKey } from './audit-store';
import { readJsonInput, type CliIo } from './io';
import { refuseOverwrites, requireOutputDirectory } from './paths';
import type { OutputFormat } from './check-command';
import { findingsTable, renderTable } from './table';
import { appendAll } from '../collections';

export interface SandboxRun {
  sandbox: ArmSandbox;
  runtime: Runtime;
  sweep?: SweepSummary;
  events?: IntakeSummary[];
  records: AuditRecord[];
}

/** Subscriptions named by the estate: the sandbox acts only inside the estate it was given. */
function estateSubscriptions(estate: ArmObject[]): string[] {
  const subscriptions = new Set<string>();
  for (const object of estate) {
    const match = typeof object.id === 'string' ? /^\/subscriptions\/([^/]+)/i.exec(object.id) : null;
    if (match) subscriptions.add(match[1].toLowerCase());
  }
  return [...subscriptions];
}

/**
 * Loads the estate into the ARM emulator and runs the real runtime against it: events go through
 * the very handler the Event Grid function registers, the sweep through the same sweep code.
 */
export async function sandboxRun(options: {
  estate: ArmObject[];
  events?: unknown[];
  sweep: boolean;
  mode: WardenConfig['mode'];
  audit?: AuditStore;
  configOverrides?: Partial<WardenConfig>;
  /** Settings to read (TRANSIT_WARDEN_*); the command passes process.env, tests their own. */
  env?: NodeJS.ProcessEnv;
}): Promise<SandboxRun> {
  const sandbox = new ArmSandbox({ estate: options.estate });
  addStandardRoutes(sandbox);
  const config: WardenConfig = {
    ...commandConfig({ mode: options.mode, allowedSubscriptions: estateSubscriptions(options.estate) }, options.env ?? {}),
    ...options.configOverrides,
  };
  const runtime = createRuntime({
    config,
    credential: sandbox.credential,
    httpClient: sandbox.httpClient,
    endpoint: sandbox.endpoint,
    audit: options.audit ?? new MemoryAuditStore([], { key: commandAuditKey() }),
    logger: createLogger({ level: logLevelFromEnv('silent') }),
    pollIntervalMs: 5,
    retryOptions: { retryDelayInMs: 10, maxRetryDelayInMs: 100 },
  });
  const run: SandboxRun = { sandbox, runtime, records: [] };

  if (options.events) {
    const summaries: IntakeSummary[] = [];
    // Observe the summaries without changing the handler: the handler code is the function's.
    const observed: Intake = {
      handle: async (body) => {
        const summary = await runtime.intake.handle(body);
        summaries.push(summary);
        return summary;
      },
    };
    const handler = onResourceWrite({ intake: observed });
    for (const event of options.events) {
      await handler(event as never, new InvocationContext({ functionName: 'onResourceWrite', logHandler: () => undefined }));
    }
    run.events = summaries;
    for (const summary of summaries) appendAll(run.records, summary.records);
  }

  if (options.sweep) {
    run.sweep = await runSweep({
      engine: runtime.engine,
      // The same Resource Graph source the deployed sweep uses (with list calls for the types Graph
      // has no rows of), answered by the emulator.
      source: sweepSource({
        setting: 'graph', credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint,
        subscriptions: config.allowedSubscriptions, catalog, logger: runtime.logger,
      }),
      catalog,
      runId: `sweep-${randomUUID()}`,
      now: runtime.clock.now(),
    });
    appendAll(run.records, run.sweep.records);
  }
  return run;
}

/** `sandbox` options as the CLI parses them (declared here so main.ts imports this file, not the reverse). */
export interface SandboxCliOptions {
  estate: string;
  events?: string;
  sweep: boolean;
  mode: 'enforce' | 'dry-run';
  auditFile?: string;
  out?: string;
  format: OutputFormat;
}

export async function runSandbox(options: SandboxCliOptions, io: CliIo): Promise<number> {
  if (!options.sweep && !options.events) {
    throw new WardenError('INVALID_INPUT', 'nothing to do: pass --sweep, --events FILE, or both');
  }
  // Before any work: the run appends to --audit-file as it goes, so a bad --out found at the end is too late.
  refuseOverwrites(
    [{ option: '--out', file: options.out }, { option: '--audit-file', file: options.auditFile }],
    [{ option: '--estate', file: options.estate }, { option: '--events', file: options.events }],
  );
  requireOutputDirectory({ option: '--out', file: options.out });
  const estate = await readJsonInput(options.estate, io, 'estate');
  if (!Array.isArray(estate)) throw new WardenError('INVALID_INPUT', 'the estate file must hold a JSON array of ARM objects');
  let events: unknown[] | undefined;
  if (options.events) {
    const parsed = await readJsonInput(options.events, io, 'events');
    events = Array.isArray(parsed) ? parsed : [parsed];
  }
  const run = await sandboxRun({
    estate: estate as ArmObject[],
    events,
    sweep: options.sweep,
    mode: options.mode,
    env: process.env,
    audit: options.auditFile ? new JsonlAuditStore(options.auditFile, { key: commandAuditKey() }) : undefined,
  });
  if (options.out) await writeFile(options.out, `${JSON.stringify(run.sandbox.snapshot(), null, 2)}\n`);

  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ records: run.records, events: run.events ?? null, sweep: run.sweep ? { ...run.sweep, records: undefined } : null, calls: run.sandbox.counts() }, null, 2)}\n`);
  } else {
    io.stdout(formatRun(run, options.mode));
  }
  return sandboxExitCode(run);
}

/** 1 when something failed: a `failed` record, or a resource the sweep could not evaluate (the engine threw). */
export function sandboxExitCode(run: Pick<SandboxRun, 'records' | 'sweep'>): number {
  return run.records.some((r) => r.outcome === 'failed') || (run.sweep?.errors.length ?? 0) > 0 ? 1 : 0;
}

export function formatRun(run: Pick<SandboxRun, 'records' | 'events' | 'sweep' | 'sandbox'>, mode: string): string {
  const lines: string[] = [];
  lines.push(`Mode: ${mode}. ${run.records.length} audit records, ${run.records.filter((r) => r.outcome === 'compliant').length} compliant (not listed).`);
  const findings = findingsTable(run.records, 100);
  if (findings) lines.push('', findings);
  const skipped = (run.events ?? []).flatMap((summary) => skippedEvents(summary).map((s) => [s.kind, s.eventId ?? '-', s.reason]));
  if (skipped.length > 0) lines.push('', renderTable(['EVENT SKIPPED', 'EVENT ID', 'WHY'], skipped, 110));
  const unevaluated = (run.sweep?.errors ?? []).map((e) => [e.resourceId, e.reason]);
  if (unevaluated.length > 0) lines.push('', renderTable(['NOT EVALUATED', 'WHY'], unevaluated, 110));
  const calls = run.sandbox.counts();
  lines.push('', `ARM calls: ${calls.reads} reads, ${calls.writes} writes, ${calls.polls} long-running-operation polls.`, '');
  return lines.join('\n');
}
