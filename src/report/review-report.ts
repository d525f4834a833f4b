import type { AuditQuery, AuditStore } from '../audit/store';
import { renderReviewPage } from './html';

export interface ReviewReport {
  html: string;
  /** How many records the page covers. */
  recordCount: number;
}

/** How a page describes its selection under the title, e.g. "since 2026-10-24T12:00:00.000Z, control storage-min-tls". */
export function describeQuery(query: AuditQuery): string {
  const parts: string[] = [];
  if (query.since) parts.push(`since ${query.since}`);
  if (query.until) parts.push(`until ${query.until}`);
  if (query.resource) parts.push(`resource contains "${query.resource}"`);
  if (query.resourceId) parts.push(`resource ${query.resourceId}`);
  if (query.control) parts.push(`control ${query.control}`);
  if (query.outcome) parts.push(`outcome ${query.outcome}`);
  if (query.limit) parts.push(`newest ${query.limit}`);
  return parts.join(', ');
}

/**
 * The review page for the records a store returns for `query`: what GET /api/review serves and what
 * `transit-warden audit --html FILE` writes (from the JSONL file or the table), so both show the
 * same page for the same selection. Parse the query with `parseAuditQuery` first.
 */
export async function buildReviewReport(audit: AuditStore, query: AuditQuery, options: { now: Date; title?: string }): Promise<ReviewReport> {
  const records = await audit.query(query);
  const html = renderReviewPage(records, { generatedAt: options.now, now: options.now, title: options.title, scope: describeQuery(query) || undefined });
  return { html, recordCount: records.length };
}
