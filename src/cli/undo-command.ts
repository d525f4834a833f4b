import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { ArmGateway } from '../azure/gateway';
import { redactingAuditStore } from '../audit/redact-record';
import { catalog } from '../controls';
import type { ArmObject, JsonObject } from '../controls/types';
import { isWardenError, WardenError } from '../errors';
import { systemClock } from '../engine/ports';
import { MIN_REASON_LENGTH } from '../engine/exemptions';
import { TAGS } from '../engine/tags';
import { describePatch } from '../engine/patches';
import { undoFix } from '../engine/undo';
import { ArmSandbox } from '../sandbox/arm-sandbox';
import { addStandardRoutes } from '../sandbox/standard-routes';
import { commandAuditKey, developerCredential, openReviewStore, type AuditStoreChoice } from './audit-store';
import { readJsonInput, type CliIo } from './io';
import { refuseOverwrites, requireOutputDirectory } from './paths';

export interface UndoCliOptions extends AuditStoreChoice {
  /** Undo inside the ARM emulator loaded with this estate instead of real Azure. */
  estate?: string;
  out?: string;
}

/**
 * `undo RECORD_ID`: restores the before-values of one fix. Exit 0 undone, 1 refused (the record
 * fails verification or names paths its control does not own, the resource changed since, nothing
 * to undo, already undone; the reason code is printed), 2 bad input. The record is verified with
 * TRANSIT_WARDEN_AUDIT_KEY, which also seals the undo's own record.
 */
export async function runUndo(recordId: string, options: UndoCliOptions, io: CliIo): Promise<number> {
  if (options.out && !options.estate) throw new WardenError('INVALID_INPUT', '--out writes the emulator estate and needs --estate');
  // Before the undo: it writes to ARM and appends its record first, and --out is written last.
  refuseOverwrites([{ option: '--out', file: options.out }], [{ option: '--audit-file', file: options.auditFile }, { option: '--estate', file: options.estate }]);
  requireOutputDirectory({ option: '--out', file: options.out });
  const key = commandAuditKey(options);
  // Undo appends its record itself, not through the runtime: masked on the way in like the engine's.
  const audit = redactingAuditStore(await openReviewStore({ ...options, key }, io));
  let transport: { credential: TokenCredential; httpClient?: HttpClient; endpoint?: string };
  let sandbox: ArmSandbox | undefined;
  if (options.estate) {
    const estate = await readJsonInput(options.estate, io, 'estate');
    if (!Array.isArray(estate)) throw new WardenError('INVALID_INPUT', 'the estate file must hold a JSON array of ARM objects');
    sandbox = new ArmSandbox({ estate: estate as ArmObject[] });
    addStandardRoutes(sandbox);
    transport = { credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint };
  } else {
    transport = { credential: developerCredential() };
  }
  const gateway = new ArmGateway({ ...transport, pollIntervalMs: sandbox ? 5 : 2000 });
  try {
    if (!key) io.stderr('transit-warden: warning: TRANSIT_WARDEN_AUDIT_KEY is not set: a keyed record cannot be verified and is refused; a record sealed without a key is trusted on its hash chain alone\n');
    const record = await undoFix(recordId, { audit, reader: gateway, writer: gateway, clock: systemClock, catalog, key }, `cli:${userInfo().username}`);
    if (sandbox && options.out) await writeFile(options.out, `${JSON.stringify(sandbox.snapshot(), null, 2)}\n`);
    if (record.outcome !== 'undone') {
      io.stderr(`transit-warden: ${record.reason}\n`);
      return 1;
    }
    io.stdout(
      `Undone: ${record.resourceId}\n  restored ${describePatch(record.after as JsonObject)} (record ${recordId}; undo record ${record.id})\n` +
        `transit-warden will not re-fix ${record.control} on this resource during the flap window.\n` +
        `To keep it this way, tag the resource:\n  ${TAGS.exempt}=${record.control}\n  ${TAGS.exemptReason}=<why, at least ${MIN_REASON_LENGTH} characters>\n  ${TAGS.exemptUntil}=<YYYY-MM-DD>\n`,
    );
    return 0;
  } catch (err) {
    if (isWardenError(err, 'UNDO_REFUSED')) {
      io.stderr(`transit-warden: undo refused (${String(err.details?.reason ?? 'REFUSED')}): ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
