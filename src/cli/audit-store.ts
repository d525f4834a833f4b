import { existsSync } from 'node:fs';
import type { TokenCredential } from '@azure/core-auth';
import { JsonlAuditStore } from '../audit/jsonl-store';
import type { AuditStore } from '../audit/store';
import { TableAuditStore } from '../audit/table-store';
import { WardenError } from '../errors';
import { identitySdk } from '../azure/sdk';

export interface AuditStoreChoice {
  auditFile?: string;
  tableUrl?: string;
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
    return new JsonlAuditStore(choice.auditFile);
  }
  if (choice.tableUrl) return TableAuditStore.fromUrl(choice.tableUrl, (credential ?? developerCredential)());
  throw new WardenError('INVALID_INPUT', 'name the audit store: --audit-file FILE (JSONL) or --table-url URL (Table Storage)');
}

export function developerCredential(): TokenCredential {
  // Loaded on demand: only commands that reach Azure need @azure/identity.
  const { DefaultAzureCredential } = identitySdk();
  return new DefaultAzureCredential();
}
