import { writeFile } from 'node:fs/promises';
import { formatRecords, formatSummary, summarize, type RecordFormat } from '../audit/format';
import { parseAuditQuery } from '../audit/query';
import { buildReviewReport } from '../report/review-report';
import { openReviewStore, type AuditStoreChoice } from './audit-store';
import type { CliIo } from './io';
import { refuseOverwrites, requireOutputDirectory } from './paths';

export interface AuditCliOptions extends AuditStoreChoice {
  resource?: string;
  resourceId?: string;
  control?: string;
  outcome?: string;
  since?: string;
  until?: string;
  limit?: string;
  format: RecordFormat;
  summary: boolean;
  html?: string;
}

/** `audit`: list, filter and export audit records; the HTTP audit API parses filters with the same code. */
export async function runAudit(options: AuditCliOptions, io: CliIo, now = new Date()): Promise<number> {
  const query = parseAuditQuery({
    resource: options.resource, resourceId: options.resourceId, control: options.control, outcome: options.outcome,
    since: options.since, until: options.until, limit: options.limit,
  });
  // Before reading anything: --html naming the audit file would replace the log with the page.
  refuseOverwrites([{ option: '--html', file: options.html }], [{ option: '--audit-file', file: options.auditFile }]);
  requireOutputDirectory({ option: '--html', file: options.html });
  const store = await openReviewStore(options, io);
  if (options.html) {
    const report = await buildReviewReport(store, query, { now });
    await writeFile(options.html, report.html);
    io.stderr(`wrote the review page with ${report.recordCount} records to ${options.html}\n`);
    return 0;
  }
  const records = await store.query(query);
  io.stdout(options.summary ? formatSummary(summarize(records), options.format) : formatRecords(records, options.format));
  return 0;
}
