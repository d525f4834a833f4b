/**
 * Audit store on Azure Table Storage (Azurite in tests).
 *
 * Each record is written as three entities, all created with createEntity (insert only: never
 * upsert, update or delete), each a full copy of the record:
 *
 *   PartitionKey            RowKey     serves
 *   i-<2 hex of sha256(id)> record id  has(id) / get(id): one point read. Created FIRST: it is the
 *                                      claim, and its 409 on redelivery makes the append a duplicate.
 *   YYYY-MM-DD (UTC of time) record id  time-range queries: a query touches only the day partitions
 *                                      between since and until (a partition range scan).
 *   r-<sha256(lower-cased    record id  the history of one resource (`resourceId` query): a single
 *     resource id), 32 hex>             partition, whatever the time range.
 *
 * Cheap: get/has (point read); one resource's history (one partition); anything bounded by
 * since/until — including the flap and write-budget guards, which span one or two days — (only
 * those day partitions; control, outcome and time are filtered on the server). Expensive: a query
 * with no since/until and no resourceId reads every day partition; `resource` (a substring) and
 * `limit` are applied after reading, because Table Storage has no substring filter or ordering.
 *
 * Why a claim entity besides the day entity: a redelivered event is evaluated again, possibly after
 * midnight, so its record would land in another day partition and not collide there; and has(id) must
 * not scan the table. The day and resource entities are written after the claim; if that fails the
 * append throws, and appending the same record again repairs them from the claimed copy.
 *
 * Complex fields (before, after, exemption) are stored as JSON strings; null strings and booleans are
 * stored by leaving the property out (Table Storage has no null). Every value round-trips exactly.
 * A record must fit Table Storage's limits (64 KiB per string property, 1 MiB per entity).
 */
import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import type { TableClient, TableEntity } from '@azure/data-tables';
import { dataTablesSdk } from '../azure/sdk';
import type { Json } from '../controls/types';
import { WardenError, describeError } from '../errors';
import { applyQuery } from './query';
import { OUTCOMES, TRIGGERS, type AuditRecord, type EffectiveMode, type Outcome, type Trigger } from './record';
import type { AppendResult, AuditQuery, AuditStore } from './store';
import { isExemptionDetail } from './well-formed';

export interface TableAuditStoreOptions {
  /** Create the table on first use when it is missing (default true). */
  createTable?: boolean;
}

/** The stored columns: the record's own fields plus `at`, a typed copy of `time` for server-side filters. */
interface AuditEntity {
  at: Date;
  id: string;
  time: string;
  trigger: string;
  eventId?: string;
  correlationId?: string;
  actor?: string;
  subscriptionId: string;
  resourceId: string;
  resourceType: string;
  control: string;
  outcome: string;
  reason: string;
  before: string;
  after: string;
  verified?: boolean;
  mode: string;
  durationMs: number;
  version: string;
  exemption?: string;
}

const MODES: readonly EffectiveMode[] = ['enforce', 'dry-run', 'report'];
const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
// Characters Table Storage refuses in keys.
const FORBIDDEN_KEY_CHARACTERS = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

export function dayPartition(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new WardenError('INVALID_INPUT', `audit record time ${JSON.stringify(time)} is not an ISO-8601 time`);
  return new Date(ms).toISOString().slice(0, 10);
}

export function resourcePartition(resourceId: string): string {
  return `r-${createHash('sha256').update(resourceId.toLowerCase()).digest('hex').slice(0, 32)}`;
}

export function idPartition(id: string): string {
  return `i-${createHash('sha256').update(id).digest('hex').slice(0, 2)}`;
}

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('statusCode' in err)) return undefined;
  const status = (err as { statusCode: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function storeFailed(action: string, err: unknown): WardenError {
  return new WardenError('AUDIT_STORE_FAILED', `audit table: ${action} failed: ${describeError(err)}`, { status: statusOf(err) }, { cause: err });
}

function toEntity(record: AuditRecord): AuditEntity {
  const entity: AuditEntity = {
    at: new Date(Date.parse(record.time)),
    id: record.id,
    time: record.time,
    trigger: record.trigger,
    subscriptionId: record.subscriptionId,
    resourceId: record.resourceId,
    resourceType: record.resourceType,
    control: record.control,
    outcome: record.outcome,
    reason: record.reason,
    before: JSON.stringify(record.before),
    after: JSON.stringify(record.after),
    mode: record.mode,
    durationMs: record.durationMs,
    version: record.version,
  };
  if (record.eventId !== null) entity.eventId = record.eventId;
  if (record.correlationId !== null) entity.correlationId = record.correlationId;
  if (record.actor !== null) entity.actor = record.actor;
  if (record.verified !== null) entity.verified = record.verified;
  if (record.exemption !== undefined) entity.exemption = JSON.stringify(record.exemption);
  return entity;
}

/** Rebuild a record from an entity, checking every field: the table is shared and could hold anything. */
export function fromEntity(entity: Record<string, unknown>): AuditRecord {
  const where = `${String(entity.partitionKey)}/${String(entity.rowKey)}`;
  const bad = (field: string): WardenError => new WardenError('AUDIT_STORE_FAILED', `audit table entity ${where} has an invalid ${field}`, { field });
  const text = (field: string): string => {
    const value = entity[field];
    if (typeof value !== 'string') throw bad(field);
    return value;
  };
  const optionalText = (field: string): string | null => {
    const value = entity[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw bad(field);
    return value;
  };
  const json = (field: string): Json => {
    try {
      return JSON.parse(text(field)) as Json;
    } catch {
      throw bad(field);
    }
  };
  const oneOf = <T extends string>(field: string, allowed: readonly T[]): T => {
    const value = text(field);
    if (!(allowed as readonly string[]).includes(value)) throw bad(field);
    return value as T;
  };
  const verified = entity.verified === undefined || entity.verified === null ? null : entity.verified;
  if (verified !== null && typeof verified !== 'boolean') throw bad('verified');
  const durationMs = entity.durationMs;
  if (typeof durationMs !== 'number') throw bad('durationMs');

  const record: AuditRecord = {
    id: text('id'),
    time: text('time'),
    trigger: oneOf<Trigger>('trigger', TRIGGERS),
    eventId: optionalText('eventId'),
    correlationId: optionalText('correlationId'),
    actor: optionalText('actor'),
    subscriptionId: text('subscriptionId'),
    resourceId: text('resourceId'),
    resourceType: text('resourceType'),
    control: text('control'),
    outcome: oneOf<Outcome>('outcome', OUTCOMES),
    reason: text('reason'),
    before: json('before'),
    after: json('after'),
    verified,
    mode: oneOf<EffectiveMode>('mode', MODES),
    durationMs,
    version: text('version'),
  };
  if (entity.exemption !== undefined && entity.exemption !== null) {
    const exemption = json('exemption');
    if (exemption !== null && !isExemptionDetail(exemption)) throw bad('exemption');
    record.exemption = exemption;
  }
  return record;
}

export class TableAuditStore implements AuditStore {
  /** Entities that could not be read as records during queries; they are skipped, never fatal. */
  readonly warnings: string[] = [];
  private readonly createTable: boolean;
  private ready: Promise<void> | undefined;

  constructor(private readonly client: TableClient, options: TableAuditStoreOptions = {}) {
    this.createTable = options.createTable ?? true;
  }

  /**
   * In Azure: the table's URL (`https://<account>.table.core.windows.net/<table>`) and the Function
   * App's managed identity (DefaultAzureCredential), which needs the Storage Table Data Contributor role.
   */
  static fromUrl(tableUrl: string, credential: TokenCredential, options: TableAuditStoreOptions = {}): TableAuditStore {
    let url: URL;
    try {
      url = new URL(tableUrl);
    } catch {
      throw new WardenError('INVALID_CONFIG', `audit table URL ${JSON.stringify(tableUrl)} is not a URL`);
    }
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      throw new WardenError('INVALID_CONFIG', 'audit table URL must not carry a query string, fragment or credentials (use the managed identity, not a SAS)');
    }
    const segments = url.pathname.split('/').filter(Boolean);
    const table = segments.pop();
    if (table === undefined || !TABLE_NAME.test(table)) {
      throw new WardenError('INVALID_CONFIG', `audit table URL ${JSON.stringify(tableUrl)} must end with a table name (letters and digits, 3-63, starting with a letter)`);
    }
    if (url.protocol !== 'https:') throw new WardenError('INVALID_CONFIG', 'audit table URL must use https: a bearer token is never sent over plain http');
    const endpoint = `${url.origin}${segments.length > 0 ? `/${segments.join('/')}` : ''}`;
    return new TableAuditStore(new (dataTablesSdk().TableClient)(endpoint, table, credential), options);
  }

  /** For Azurite and local development; plain http is allowed only for loopback endpoints. */
  static fromConnectionString(connectionString: string, tableName: string, options: TableAuditStoreOptions = {}): TableAuditStore {
    if (!TABLE_NAME.test(tableName)) throw new WardenError('INVALID_CONFIG', `audit table name ${JSON.stringify(tableName)} must be 3-63 letters and digits, starting with a letter`);
    const loopback = /TableEndpoint=http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/i.test(connectionString) || /UseDevelopmentStorage=true/i.test(connectionString);
    return new TableAuditStore(dataTablesSdk().TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: loopback }), options);
  }

  async append(records: AuditRecord[]): Promise<AppendResult> {
    await this.ensureTable();
    for (const record of records) validateKeys(record);
    const result: AppendResult = { inserted: [], duplicates: [] };
    // Records are independent, so they are written concurrently; a repeated id within the batch is a
    // duplicate without a round trip. Result order follows input order.
    const firstById = new Map<string, AuditRecord>();
    const outcomes = await Promise.all(records.map(async (record) => {
      if (firstById.has(record.id)) return 'duplicate' as const;
      firstById.set(record.id, record);
      return this.appendOne(record);
    }));
    records.forEach((record, i) => (outcomes[i] === 'inserted' ? result.inserted : result.duplicates).push(record));
    return result;
  }

  /**
   * Whether a record with this id is stored. Only a redelivery or re-run finds one, and then the
   * engine skips it without ever appending again, so this is where an append that died between the
   * claim and its day/resource entities gets mended (before, only a second append did, and none came).
   */
  async has(id: string): Promise<boolean> {
    const claim = await this.readClaim(id);
    if (claim === undefined) return false;
    await this.writeIndexes(toEntity(fromEntity(claim)));
    return true;
  }

  async get(id: string): Promise<AuditRecord | undefined> {
    const entity = await this.readClaim(id);
    return entity === undefined ? undefined : fromEntity(entity);
  }

  async query(query: AuditQuery): Promise<AuditRecord[]> {
    await this.ensureTable();
    const filters: string[] = [];
    if (query.resourceId !== undefined) {
      filters.push(dataTablesSdk().odata`PartitionKey eq ${resourcePartition(query.resourceId)}`);
    } else {
      // Day partitions sort as dates and before the `i-`/`r-` partitions, so a key range selects
      // exactly the days in the window.
      const since = query.since === undefined ? undefined : Date.parse(query.since);
      const until = query.until === undefined ? undefined : Date.parse(query.until);
      filters.push(dataTablesSdk().odata`PartitionKey ge ${since === undefined ? '0000-00-00' : new Date(since).toISOString().slice(0, 10)}`);
      filters.push(dataTablesSdk().odata`PartitionKey le ${until === undefined ? '9999-12-31' : new Date(until - 1).toISOString().slice(0, 10)}`);
    }
    if (query.control !== undefined) filters.push(dataTablesSdk().odata`control eq ${query.control}`);
    if (query.outcome !== undefined) filters.push(dataTablesSdk().odata`outcome eq ${query.outcome}`);
    if (query.since !== undefined) filters.push(dataTablesSdk().odata`at ge ${new Date(Date.parse(query.since))}`);
    if (query.until !== undefined) filters.push(dataTablesSdk().odata`at lt ${new Date(Date.parse(query.until))}`);

    const records: AuditRecord[] = [];
    try {
      for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter: filters.join(' and ') } })) {
        try {
          records.push(fromEntity(entity));
        } catch (err) {
          this.warnings.push(describeError(err));
        }
      }
    } catch (err) {
      throw storeFailed('query', err);
    }
    // The server filters narrow the read; the shared predicate decides (substring, exact id, bounds).
    return applyQuery(records, query);
  }

  private async appendOne(record: AuditRecord): Promise<'inserted' | 'duplicate'> {
    const entity = toEntity(record);
    const claimed = await this.create({ partitionKey: idPartition(record.id), rowKey: record.id, ...entity }, 'claim');
    if (!claimed) {
      // The claimed copy may have lost its indexes to an append that died halfway: `has` mends them.
      await this.has(record.id);
      return 'duplicate';
    }
    await this.writeIndexes(entity);
    return 'inserted';
  }

  /** The day and resource copies of a record; 409 means an earlier attempt wrote them already. */
  private async writeIndexes(entity: AuditEntity): Promise<void> {
    await Promise.all([
      this.create({ partitionKey: dayPartition(entity.time), rowKey: entity.id, ...entity }, 'day entity'),
      this.create({ partitionKey: resourcePartition(entity.resourceId), rowKey: entity.id, ...entity }, 'resource entity'),
    ]);
  }

  /**
   * createEntity; false on 409 (already there). The SDK's pipeline already retries throttling and
   * transient failures. One consequence: if Azure stored a claim but its response was lost, the SDK's
   * retry sees 409 and the record is reported as a duplicate although this call wrote it — it is stored
   * exactly once either way.
   */
  private async create(entity: TableEntity<AuditEntity>, what: string): Promise<boolean> {
    try {
      await this.client.createEntity(entity);
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false;
      throw storeFailed(`writing the ${what} of record ${entity.rowKey}`, err);
    }
  }

  private async readClaim(id: string, select?: string[]): Promise<Record<string, unknown> | undefined> {
    if (typeof id !== 'string' || id === '' || FORBIDDEN_KEY_CHARACTERS.test(id)) return undefined;
    await this.ensureTable();
    try {
      return await this.client.getEntity<Record<string, unknown>>(idPartition(id), id, select ? { queryOptions: { select } } : {});
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw storeFailed(`reading record ${id}`, err);
    }
  }

  private ensureTable(): Promise<void> {
    if (!this.createTable) return Promise.resolve();
    if (!this.ready) {
      this.ready = this.client.createTable().catch((err: unknown) => {
        if (statusOf(err) === 409) return; // TableAlreadyExists
        this.ready = undefined; // let the next call try again
        throw storeFailed('creating the table', err);
      });
    }
    return this.ready;
  }
}

function validateKeys(record: AuditRecord): void {
  if (typeof record.id !== 'string' || record.id === '' || record.id.length > 512 || FORBIDDEN_KEY_CHARACTERS.test(record.id)) {
    throw new WardenError('INVALID_INPUT', `audit record id ${JSON.stringify(record.id)} cannot be a table key`);
  }
  dayPartition(record.time);
}
