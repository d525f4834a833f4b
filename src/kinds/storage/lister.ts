import { unlessGone, type Lister, type Settings } from '../../azure/lister';
import { resourcesSdk, storageSdk } from '../../azure/sdk';
import { parseResourceId } from '../../core/resource-id';
import { typeFacts } from '../facts';
import { facts as storageFacts } from './facts';
import { FILE_SERVICES_TYPE, STORAGE_ACCOUNT_TYPE } from './shared';

const ACCOUNTS = STORAGE_ACCOUNT_TYPE.toLowerCase();
const FILE_SERVICES = FILE_SERVICES_TYPE.toLowerCase();
/** FileServices_List's api-version: the file service's read api-version (2025-08-01, from the facts). */
const FILE_SERVICES_API_VERSION = typeFacts(storageFacts, FILE_SERVICES_TYPE).read.apiVersion;
/**
 * Account kinds without Azure Files (blob-only: legacy BlobStorage and premium BlockBlobStorage), whose
 * file services are not listed. Storage, StorageV2 and FileStorage have one.
 */
const WITHOUT_FILES = new Set(['blobstorage', 'blockblobstorage']);

/**
 * Storage accounts (one list by subscription, paged), and the file service of each account that
 * has Azure Files: FileServices_List (GET …/storageAccounts/{name}/fileServices, one unpaged answer)
 * through the resources client's pipeline. Resource Graph has no file service rows, so this is the
 * sweep's only way to find them (src/kinds/storage/facts.ts). A type no control of the catalog
 * evaluates is neither yielded nor listed.
 */
const storageLister: Lister = {
  types: [ACCOUNTS, FILE_SERVICES],
  async *rows(c) {
    const storage = (settings: Settings) => new (storageSdk().StorageManagementClient)(c.credential, c.subscriptionId, settings);
    const accounts = await c.list(`list storage accounts in ${c.subscriptionId}`, (settings) => storage(settings).storageAccounts.list());
    if (!c.wanted.has(FILE_SERVICES)) {
      if (c.wanted.has(ACCOUNTS)) yield* accounts;
      return;
    }
    const pipeline = new (resourcesSdk().ResourceManagementClient)(c.credential, c.subscriptionId, c.settings);
    for (const account of accounts) {
      if (c.wanted.has(ACCOUNTS)) yield account;
      if (typeof account.kind === 'string' && WITHOUT_FILES.has(account.kind.toLowerCase())) continue;
      const { id } = parseResourceId(account.id);
      // An account deleted since the list answers 404: nothing of it is left to sweep.
      yield* (await unlessGone(c.listAt(`list file services of ${account.id}`, pipeline, `${id}/fileServices`, FILE_SERVICES_API_VERSION))) ?? [];
    }
  },
};

export const listers: readonly Lister[] = [storageLister];
