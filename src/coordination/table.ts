/**
 * Leases and write intents on Azure Table Storage (Azurite in tests): one table that every instance
 * of a deployment shares, next to the audit table but not in it. The audit table is insert-only and
 * its readers list every entity they find; leases are updated and deleted, intents are deleted once
 * their records exist, so they live apart (and the identity's update/delete rights can be scoped to
 * this table alone).
 *
 *   PartitionKey              RowKey                     what
 *   l-<2 hex of key hash>     sha256(lower-cased key)/32 a lease: holder, expiresAt. Taken with an
 *                                                        insert (409: someone has it); an expired one
 *                                                        is taken over with If-Match on the ETag read,
 *                                                        so of two instances racing for it one wins.
 *   n-<sha256(resource)/32>   intent id                  an open write intent (its JSON); one partition
 *                                                        per resource, so open(resource) is one query.
 *
 * Expiry compares `expiresAt` with this machine's clock: instances' clocks must agree to well within
 * a TTL (Azure's hosts keep NTP time to within a second; the engine's TTL is a minute).
 */
import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import type { TableClient } from '@azure/data-tables';
import { dataTablesSdk } from '../azure/sdk';
import { WardenError, describeError } from '../errors';
import type { IntentStore, Lease, LeaseStore, WriteIntent } from '../engine/ports';
import type { MillisecondClock } from './memory';

const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
/** Table Storage's limit for one string property is 64 KiB of UTF-16: 32,768 characters. */
const MAX_INTENT_CHARACTERS = 32_000;

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('statusCode' in err)) return undefined;
  const status = (err as { statusCode: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function failed(action: string, err: unknown): WardenError {
  return new WardenError('COORDINATION_FAILED', `lease/intent table: ${action} failed: ${describeError(err)}`, { status: statusOf(err) }, { cause: err });
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

export function leaseKeys(key: string): { partitionKey: string; rowKey: string } {
  const digest = hash(key.toLowerCase());
  return { partitionKey: `l-${digest.slice(0, 2)}`, rowKey: digest.slice(0, 32) };
}

export function intentPartition(resourceId: string): string {
  return `n-${hash(resourceId.toLowerCase()).slice(0, 32)}`;
}

interface LeaseEntity {
  partitionKey: string;
  rowKey: string;
  /** The name leased (a resource id), for people reading the table. */
  key: string;
  holder: string;
  expiresAt: Date;
}

/** Creates the table once, on first use (409: it exists). */
class TableOnce {
  private ready: Promise<void> | undefined;

  constructor(readonly client: TableClient, private readonly create: boolean) {}

  ensure(): Promise<void> {
    if (!this.create) return Promise.resolve();
    if (!this.ready) {
      this.ready = this.client.createTable().catch((err: unknown) => {
        if (statusOf(err) === 409) return;
        this.ready = undefined;
        throw failed('creating the table', err);
      });
    }
    return this.ready;
  }
}

export class TableLeaseStore implements LeaseStore {
  constructor(private readonly table: TableOnce, private readonly now: MillisecondClock = Date.now) {}

  async tryAcquire(key: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
    await this.table.ensure();
    const keys = leaseKeys(key);
    // Renewals and the release are conditional on the ETag of this acquisition's own write.
    const entity = (): LeaseEntity => ({ ...keys, key, holder, expiresAt: new Date(this.now() + ttlMs) });
    const client = this.table.client;
    let etag: string | undefined;
    try {
      etag = (await client.createEntity(entity())).etag;
    } catch (err) {
      if (statusOf(err) !== 409) throw failed(`taking the lease on ${key}`, err);
    }
    if (etag === undefined) {
      // Held, or left behind by a holder that died: take it over only once it has expired.
      let current: { etag: string; expiresAt?: unknown };
      try {
        current = await client.getEntity<{ expiresAt?: unknown }>(keys.partitionKey, keys.rowKey);
      } catch (err) {
        // Released between our insert and this read: the next attempt will find it free.
        if (statusOf(err) === 404) return undefined;
        throw failed(`reading the lease on ${key}`, err);
      }
      const expiresAt = current.expiresAt instanceof Date ? current.expiresAt.getTime() : Number.NaN;
      // An unreadable expiry counts as expired: a damaged entity must not block the resource forever.
      if (expiresAt > this.now()) return undefined;
      try {
        etag = (await client.updateEntity(entity(), 'Replace', { etag: current.etag })).etag;
      } catch (err) {
        // 412: another instance took it over first; 404: it was released meanwhile.
        if (statusOf(err) === 412 || statusOf(err) === 404) return undefined;
        throw failed(`taking over the expired lease on ${key}`, err);
      }
    }
    if (etag === undefined) throw failed(`taking the lease on ${key}`, new Error('the service returned no ETag'));
    let mine = etag;
    return {
      renew: async () => {
        try {
          const renewed = await client.updateEntity(entity(), 'Replace', { etag: mine });
          if (renewed.etag === undefined) return false;
          mine = renewed.etag;
          return true;
        } catch (err) {
          if (statusOf(err) === 412 || statusOf(err) === 404) return false;
          throw failed(`renewing the lease on ${key}`, err);
        }
      },
      release: async () => {
        try {
          await client.deleteEntity(keys.partitionKey, keys.rowKey, { etag: mine });
        } catch (err) {
          if (statusOf(err) === 412 || statusOf(err) === 404) return;
          throw failed(`releasing the lease on ${key}`, err);
        }
      },
    };
  }
}

export class TableIntentStore implements IntentStore {
  constructor(private readonly table: TableOnce) {}

  async record(intent: WriteIntent): Promise<void> {
    await this.table.ensure();
    const text = JSON.stringify(intent);
    if (text.length > MAX_INTENT_CHARACTERS) {
      throw new WardenError('COORDINATION_FAILED', `write intent ${intent.id} is ${text.length} characters, more than a table property holds (${MAX_INTENT_CHARACTERS}); nothing is written`);
    }
    const entity = { partitionKey: intentPartition(intent.resourceId), rowKey: intent.id, intent: text, time: intent.time };
    try {
      // Insert, or replace on 409 (recording an intent again, a retry after its PATCH was refused):
      // insert and update are what the lease table's role grants (no upsert, which needs write).
      try {
        await this.table.client.createEntity(entity);
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
        await this.table.client.updateEntity(entity, 'Replace');
      }
    } catch (err) {
      throw failed(`recording write intent ${intent.id}`, err);
    }
  }

  open(resourceId: string): Promise<WriteIntent[]> {
    return this.query(dataTablesSdk().odata`PartitionKey eq ${intentPartition(resourceId)}`, `the write intents of ${resourceId}`);
  }

  /** Intent partitions are `n-…`: a key range reads them all and no lease (`l-…`). */
  list(): Promise<WriteIntent[]> {
    return this.query(dataTablesSdk().odata`PartitionKey ge ${'n-'} and PartitionKey lt ${'n.'}`, 'every open write intent');
  }

  private async query(filter: string, what: string): Promise<WriteIntent[]> {
    await this.table.ensure();
    const intents: WriteIntent[] = [];
    try {
      for await (const entity of this.table.client.listEntities<{ intent?: unknown }>({ queryOptions: { filter } })) {
        intents.push(parseIntent(entity.intent, `${String(entity.partitionKey)}/${String(entity.rowKey)}`));
      }
    } catch (err) {
      if (err instanceof WardenError) throw err;
      throw failed(`reading ${what}`, err);
    }
    // Row keys are hashes: order by when they were recorded.
    return intents.sort((a, b) => a.time.localeCompare(b.time));
  }

  async close(intent: WriteIntent): Promise<void> {
    await this.table.ensure();
    try {
      await this.table.client.deleteEntity(intentPartition(intent.resourceId), intent.id);
    } catch (err) {
      if (statusOf(err) === 404) return;
      throw failed(`closing write intent ${intent.id}`, err);
    }
  }
}

/**
 * An intent read back. A damaged one is an error, not skipped: it may be the only evidence of a
 * write, and the engine must not evaluate the resource as if it were not there.
 */
function parseIntent(text: unknown, where: string): WriteIntent {
  const bad = (): WardenError => new WardenError('COORDINATION_FAILED', `write intent ${where} is damaged (not an intent's JSON); a person must look at it`);
  if (typeof text !== 'string') throw bad();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad();
  }
  const v = value as Partial<WriteIntent> | null;
  const ok = v !== null && typeof v === 'object'
    && typeof v.id === 'string' && typeof v.group === 'string' && typeof v.resourceId === 'string' && typeof v.target === 'string'
    && (v.step === 'patch' || v.step === 'restart') && typeof v.time === 'string' && typeof v.holder === 'string'
    && v.body !== null && typeof v.body === 'object' && Array.isArray(v.records);
  if (!ok) throw bad();
  return value as WriteIntent;
}

/** Both stores over one table. */
export interface TableCoordination {
  leases: TableLeaseStore;
  intents: TableIntentStore;
}

export function tableCoordination(client: TableClient, options: { createTable?: boolean; now?: MillisecondClock } = {}): TableCoordination {
  const table = new TableOnce(client, options.createTable ?? true);
  return { leases: new TableLeaseStore(table, options.now), intents: new TableIntentStore(table) };
}

/** In Azure: the table's URL and the Function App's identity (Storage Table Data Contributor on it). */
export function tableCoordinationFromUrl(tableUrl: string, credential: TokenCredential, options: { createTable?: boolean } = {}): TableCoordination {
  let url: URL;
  try {
    url = new URL(tableUrl);
  } catch {
    throw new WardenError('INVALID_CONFIG', `lease table URL ${JSON.stringify(tableUrl)} is not a URL`);
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const table = segments.pop();
  if (url.protocol !== 'https:' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || table === undefined || !TABLE_NAME.test(table)) {
    throw new WardenError('INVALID_CONFIG', `lease table URL ${JSON.stringify(`${url.origin}${url.pathname}`)} must be https://<account>.table.core.windows.net/<table> (no query string or credentials; the table name 3-63 letters and digits)`);
  }
  const endpoint = `${url.origin}${segments.length > 0 ? `/${segments.join('/')}` : ''}`;
  return tableCoordination(new (dataTablesSdk().TableClient)(endpoint, table, credential), options);
}

/** For Azurite: plain http only for loopback endpoints. */
export function tableCoordinationFromConnectionString(connectionString: string, tableName: string, options: { createTable?: boolean; now?: MillisecondClock } = {}): TableCoordination {
  if (!TABLE_NAME.test(tableName)) throw new WardenError('INVALID_CONFIG', `lease table name ${JSON.stringify(tableName)} must be 3-63 letters and digits, starting with a letter`);
  const loopback = /TableEndpoint=http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/i.test(connectionString) || /UseDevelopmentStorage=true/i.test(connectionString);
  return tableCoordination(dataTablesSdk().TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: loopback }), options);
}
