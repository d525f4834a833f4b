import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { Logger } from 'pino';
import { skipCodeOf, type AuditRecord, type Outcome, type SkipCode } from '../audit/record';
import type { AuditStore } from '../audit/store';
import { JsonlAuditStore } from '../audit/jsonl-store';
import { MemoryAuditStore } from '../audit/memory-store';
import { sourceRequests, sweepSource } from '../azure/sweep-source';
import { commandConfig, logLevelFromEnv, type SweepSourceSetting, type WardenConfig } from '../config';
import { catalog as fullCatalog } from '../controls';
import type { ControlDefinition } from '../controls/types';
import { WardenError } from '../errors';
import { runSweep, type SweepSummary } from '../engine/sweep';
import { createLogger } from '../logger';
import { createRuntime } from '../runtime';
import { JsonlIntentStore } from '../coordination/jsonl-intents';
import type { OutputFormat } from './check-command';
import type { CliIo } from './io';
import { findingsTable, renderTable, shortResourceName } from './table';
import { commandAuditKey, developerCredential } from './audit-store';
import { isSubscriptionId } from '../core/resource-id';

export interface ScanOptions {
  subscription?: string[];
  /** Management groups whose subscriptions (at any depth) are scanned too, resolved through Resource Graph. */
  managementGroup?: string[];
  mode: 'dry-run' | 'enforce';
  format: OutputFormat;
  auditFile?: string;
  /** Where candidates come from (default auto: Graph, then list calls if Graph is unavailable). */
  source?: SweepSourceSetting;
}

/** What tests (and the sandbox) inject; a developer's run leaves all of it unset. */
export interface ScanDeps {
  credential?: TokenCredential;
  httpClient?: HttpClient;
  endpoint?: string;
  audit?: AuditStore;
  logger?: Logger;
  catalog?: readonly ControlDefinition[];
  /** Whether stderr is a terminal (progress bar) or not (plain lines); defaults to process.stderr.isTTY. */
  isTty?: boolean;
  pollIntervalMs?: number;
  now?: Date;
  /** Settings to read (TRANSIT_WARDEN_*); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Outcomes that mean drift is still there after the run. */
const OPEN: ReadonlySet<Outcome> = new Set<Outcome>(['would-fix', 'noncompliant', 'failed']);

/**
 * Skips after which nothing is left to fix: the control does not apply, or the resource was deleted.
 * Every other skip — the write budget, flap quarantine, a recent undo, or one of no known kind —
 * held back a fix the resource still needs, so an enforce scan that ends with one must not exit 0.
 */
const CLOSED_SKIPS: ReadonlySet<SkipCode> = new Set<SkipCode>(['not-applicable', 'not-found']);

/** Whether a record leaves drift behind (the scan then exits 1). */
export function isLeftOpen(record: Pick<AuditRecord, 'outcome' | 'reason' | 'skipCode'>): boolean {
  if (record.outcome === 'skipped') {
    const code = skipCodeOf(record);
    return code === undefined || !CLOSED_SKIPS.has(code);
  }
  return OPEN.has(record.outcome);
}

/**
 * `transit-warden scan --subscription ID [--mode dry-run|enforce]`: one drift sweep against real
 * Azure with the developer's own credentials (DefaultAzureCredential: az login, environment,
 * managed identity). Dry-run unless told otherwise. Exit 0 when nothing is left to fix, 1 when
 * something is (would-fix, noncompliant, failed, a fix held back by the write budget, flap
 * quarantine or a recent undo, or a resource that could not be evaluated).
 */
export async function runScan(options: ScanOptions, io: CliIo, deps: ScanDeps = {}): Promise<number> {
  const named = [...new Set((options.subscription ?? []).map((s) => s.trim().toLowerCase()))];
  // DESIGN names the argument an id: the group's name, or its full ARM id (the name is its last segment).
  const groups = [...new Set((options.managementGroup ?? []).map((g) => g.trim().toLowerCase().replace(/^\/providers\/microsoft\.management\/managementgroups\//, '')))];
  if (named.length === 0 && groups.length === 0) throw new WardenError('INVALID_INPUT', 'pass at least one --subscription ID or --management-group NAME');
  for (const s of named) {
    if (!isSubscriptionId(s)) throw new WardenError('INVALID_INPUT', `--subscription ${JSON.stringify(s)} is not a subscription id`);
  }
  for (const g of groups) {
    if (!/^[a-z0-9_().-]{1,90}$/.test(g)) throw new WardenError('INVALID_INPUT', `--management-group ${JSON.stringify(g)} is not a management group id (its name, or /providers/Microsoft.Management/managementGroups/{name})`);
  }
  const credential = deps.credential ?? developerCredential();
  const catalog = deps.catalog ?? fullCatalog;
  const config: WardenConfig = commandConfig({ mode: options.mode, allowedSubscriptions: named, allowedManagementGroups: groups }, deps.env ?? process.env);
  const audit = deps.audit ?? (options.auditFile ? new JsonlAuditStore(options.auditFile, { key: commandAuditKey() }) : new MemoryAuditStore([], { key: commandAuditKey() }));
  const runtime = createRuntime({
    config,
    credential,
    audit,
    // A scan that dies mid-write leaves its intents beside the audit file; the next scan completes them.
    intents: !deps.audit && options.auditFile ? JsonlIntentStore.besideAuditFile(options.auditFile) : undefined,
    endpoint: deps.endpoint,
    httpClient: deps.httpClient,
    pollIntervalMs: deps.pollIntervalMs,
    logger: deps.logger ?? createLogger({ level: logLevelFromEnv('warn') }),
  });
  // The groups' subscriptions, resolved once for this run; SCOPE_UNRESOLVED ends the scan with its message.
  const subscriptions = await runtime.scope.subscriptions();
  if (subscriptions.length === 0) throw new WardenError('INVALID_INPUT', `management group(s) ${groups.join(', ')} hold no subscription this identity can read`);
  const source = sweepSource({
    setting: options.source ?? config.sweepSource, credential, endpoint: deps.endpoint, httpClient: deps.httpClient, subscriptions, catalog, logger: runtime.logger,
  });
  const progress = progressReporter(io, deps.isTty ?? process.stderr.isTTY === true);
  const now = deps.now ?? new Date();
  const summary = await runSweep({
    engine: runtime.engine, source, catalog, runId: `scan-${now.toISOString()}-${randomUUID().slice(0, 8)}`, now, onProgress: progress.update,
  });
  progress.done();

  const cost = sourceRequests(source);
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ ...jsonSummary(summary, options.mode, subscriptions), ...cost, records: summary.records }, null, 2)}\n`);
  } else {
    io.stdout(formatScan(summary, options.mode, subscriptions, cost));
  }
  return summary.errors.length > 0 || summary.records.some(isLeftOpen) ? 1 : 0;
}

/** A redrawn bar on a terminal; a line per tenth otherwise, so CI logs stay short. */
export function progressReporter(io: CliIo, isTty: boolean): { update: (done: number, total: number) => void; done: () => void } {
  let drawn = false;
  let lastTenth = -1;
  return {
    update: (done, total) => {
      if (isTty) {
        const width = 30;
        const filled = total === 0 ? width : Math.round((done / total) * width);
        io.stderr(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} re-read from ARM`);
        drawn = true;
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth !== lastTenth || done === total) {
        lastTenth = tenth;
        io.stderr(`scan: ${done}/${total} resources re-read from ARM\n`);
      }
    },
    done: () => {
      if (drawn) io.stderr('\n');
    },
  };
}

function outcomeCounts(records: readonly AuditRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}

function jsonSummary(summary: SweepSummary, mode: string, subscriptions: string[]) {
  return {
    runId: summary.runId, mode, subscriptions, rows: summary.rows, candidates: summary.candidates, evaluated: summary.evaluated,
    outcomes: outcomeCounts(summary.records), errors: summary.errors,
  };
}

export function formatScan(summary: SweepSummary, mode: string, subscriptions: readonly string[], cost: { graphQueries: number; listRequests: number }): string {
  const lines: string[] = [];
  const from = [
    ...(cost.graphQueries > 0 || cost.listRequests === 0 ? [`${cost.graphQueries} Resource Graph quer${cost.graphQueries === 1 ? 'y' : 'ies'}`] : []),
    ...(cost.listRequests > 0 ? [`${cost.listRequests} ARM list request${cost.listRequests === 1 ? '' : 's'}`] : []),
  ].join(' and ');
  lines.push(
    `Scanned ${subscriptions.length} subscription(s) in ${mode} mode: ${summary.rows} rows from ${from}, ` +
      `${summary.candidates} resources covered by controls, ` +
      `${summary.candidates - summary.evaluated} plainly compliant, ${summary.evaluated} re-read from ARM.`,
  );
  const counts = outcomeCounts(summary.records);
  const countRows = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)).map(([outcome, n]) => [outcome, String(n)]);
  if (countRows.length > 0) lines.push('', renderTable(['OUTCOME', 'RECORDS'], countRows));
  const findings = findingsTable(summary.records, 100);
  if (findings) lines.push(findings);
  if (summary.errors.length > 0) {
    lines.push(renderTable(['NOT EVALUATED', 'WHY'], summary.errors.map((e) => [shortResourceName(e.resourceId), e.reason]), 100));
  }
  if (mode === 'dry-run' && summary.records.some((r) => r.outcome === 'would-fix')) {
    lines.push('Nothing was written (dry-run). Re-run with --mode enforce to apply the would-fix changes.');
  }
  lines.push('');
  return lines.join('\n');
}
