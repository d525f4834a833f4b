import { verifyLog, type IntegrityFinding, type VerifyReport } from '../audit/verify';
import { WardenError } from '../errors';
import { forTerminal } from '../terminal-text';
import { commandAuditKey, openAuditStore, type AuditStoreChoice } from './audit-store';
import type { CliIo } from './io';

export type VerifyFormat = 'table' | 'json';

export interface VerifyCliOptions extends AuditStoreChoice {
  format: VerifyFormat;
}

/**
 * `audit verify`: reads the whole log (a JSONL file or the table) and checks every record's seal
 * and every chain. Exit 0 intact (unchained records from before chaining and forks are notes), 1
 * when anything was edited, deleted, inserted, damaged or cannot be verified with the key held,
 * 2 bad input. The key is TRANSIT_WARDEN_AUDIT_KEY (the deployment's, from its Key Vault).
 */
export async function runAuditVerify(options: VerifyCliOptions, io: CliIo): Promise<number> {
  const key = commandAuditKey(options);
  const store = openAuditStore({ ...options, key });
  if (!store.scan) throw new WardenError('INVALID_INPUT', 'this audit store cannot be read whole, so it cannot be verified');
  const log = await store.scan();
  // Nothing but damage is not a damaged audit log: it is the wrong file.
  if (log.records.length === 0 && log.findings.length > 0) {
    throw new WardenError('INVALID_INPUT', `no audit record in this store (first problem: ${log.findings[0].detail})`);
  }
  const report = verifyLog(log, key);
  io.stdout(options.format === 'json' ? formatJson(report) : formatTable(report));
  return report.intact ? 0 : 1;
}

function formatJson(report: VerifyReport): string {
  const { verdicts: _verdicts, ...shown } = report;
  return `${JSON.stringify(shown, null, 2)}\n`;
}

function formatTable(report: VerifyReport): string {
  const lines: string[] = [];
  const keyed = report.sealed - report.unkeyed;
  lines.push(
    `audit verify: ${report.records} records, ${report.heads.length} chains; sealed ${report.sealed} ` +
      `(${keyed} with an audit key, ${report.unkeyed} plain sha256), unchained ${report.unchained}; ` +
      (report.keyId ? `verified with key ${report.keyId}` : 'no key held: TRANSIT_WARDEN_AUDIT_KEY unset, keyed seals not checked'),
  );
  if (report.intact) lines.push('INTACT: no record edited, deleted or inserted that the chains can show.');
  else {
    lines.push(`NOT INTACT: ${report.findings.length} problem(s):`);
    for (const finding of report.findings) lines.push(`  ${finding.kind.toUpperCase().padEnd(12)} ${forTerminal(describe(finding))}`);
  }
  if (report.notes.length > 0) {
    lines.push('notes:');
    for (const note of report.notes) lines.push(`  ${note.kind.padEnd(12)} ${forTerminal(note.detail)}`);
  }
  if (report.unkeyed > 0) lines.push('plain sha256 seals show edits and gaps, but anyone who can write the log could recompute them: deploy with an audit key.');
  lines.push('Deleting the newest records of a chain leaves no gap: compare the chain heads (--format json) with an earlier run.');
  return `${lines.join('\n')}\n`;
}

function describe(finding: IntegrityFinding): string {
  return finding.recordId !== undefined && !finding.detail.includes(finding.recordId) ? `record ${finding.recordId}: ${finding.detail}` : finding.detail;
}
