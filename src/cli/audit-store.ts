import { existsSync } from 'node:fs';
import type { TokenCredential } from '@azure/core-auth';
import type { AuditKey } from '../audit/integrity';
import { JsonlAuditStore } from '../audit/jsonl-store';
import type { AuditStore } from '../audit/store';
import { TableAuditStore } from '../audit/table-store';
import { auditKeyFromEnv } from '../config';
import { WardenError } from '../errors';
import { identitySdk } from '../azure/sdk';
import type { CliIo } from './io';

export interface AuditStoreChoice {
  auditFile?: string;
  tableUrl?: string;
  /** The audit key to seal and verify with; by default TRANSIT_WARDEN_AUDIT_KEY from the environment. */
  key?: AuditKey;
}

/**
 * The audit key a command seals its own records with and verifies others' with: the deployment's
 * (fetch it from its Key Vault into TRANSIT_WARDEN_AUDIT_KEY), or none.
 */
export function commandAuditKey(choice: Pick<AuditStoreChoice, 'key'> = {}): AuditKey | undefined {
  return choice.key ?? auditKeyFromEnv();
}

/**
 * The store a review command reads: a JSONL file or the deployed table (read with the person's own
 * Azure credentials). Reading a file that does not exist is almost always a typo, so it is refused
 * rather than shown as an empty log.
 */
export function openAuditStore(choice: AuditStoreChoice, credential?: () => TokenCredential): AuditStore {
  if (choice.auditFile && choice.tableUrl) throw new WardenError('INVALID_INPUT', 'name one audit store: --audit-file or --table-url, not both');
  if (choice.auditFile) {
    if (!existsSync(choice.auditFile)) throw new WardenError('INVALID_INPUT', `no audit file at ${choice.auditFile}`);
    return new JsonlAuditStore(choice.auditFile, { key: commandAuditKey(choice) });
  }
  if (choice.tableUrl) return TableAuditStore.fromUrl(choice.tableUrl, (credential ?? developerCredential)(), { key: commandAuditKey(choice) });
  throw new WardenError('INVALID_INPUT', 'name the audit store: --audit-file FILE (JSONL) or --table-url URL (Table Storage)');
}

/**
 * openAuditStore for the commands that read the log (audit, undo). A JSONL file is read once up
 * front so that what the store skipped is said, not silently dropped: each damaged or duplicate line
 * it reports goes to stderr, and a non-empty file in which not one line is an audit record (an
 * estate, a CSV export, the wrong file) is refused instead of shown as "no audit records match".
 * The table store is returned as it is.
 */
export async function openReviewStore(choice: AuditStoreChoice, io: CliIo, credential?: () => TokenCredential): Promise<AuditStore> {
  const store = openAuditStore(choice, credential);
  if (!(store instanceof JsonlAuditStore)) return store;
  await store.has(''); // reads and parses the whole file
  // Every non-blank line that is not a record leaves a warning, so without warnings the file is fine.
  if (store.warnings.length > 0 && (await store.query({ limit: 1 })).length === 0) {
    throw new WardenError('INVALID_INPUT', `${store.path} is not an audit log: no line of it is an audit record (first problem: ${store.warnings[0]})`);
  }
  for (const warning of store.warnings) io.stderr(`transit-warden: warning: ${warning}\n`);
  return store;
}

export function developerCredential(): TokenCredential {
  // Loaded on demand: only commands that reach Azure need @azure/identity.
  const { DefaultAzureCredential } = identitySdk();
  return new DefaultAzureCredential();
}
