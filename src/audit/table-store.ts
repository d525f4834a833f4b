/**
 * Audit store on Azure Table Storage (Azurite in tests).
 *
 * Each record is written as three full copies plus a chain slot, all created with inserts (insert
 * only: never upsert, update or delete, so the deployed identity needs nothing but read and add on
 * this table — infra/app.bicep grants exactly that):
 *
 *   PartitionKey            RowKey     serves
 *   r-<sha256(lower-cased    record id  the resource's history (`resourceId` query, one partition) and
 *     resource id), 32 hex>             its hash chain. Written FIRST, in one entity group
 *                                       transaction with the chain slot below.
 *   r-… (same partition)    ~<15 digits> the chain slot: the record's position (seq), its id and hash.
 *                                       RowKeys count down, so the first one listed is the head.
 *   i-<2 hex of sha256(id)> record id  has(id) / get(id): one point read.
 *   YYYY-MM-DD (UTC of time) record id  time-range queries: a query touches only the day partitions
 *                                       between since and until (a partition range scan).
 *
 * Two instances appending at once: the transaction inserts the record at `id` and the slot at `seq`
 * in the resource's partition, atomically, so exactly one of two appends racing for a position
 * succeeds (409 for the other: it reads the new head and tries the next position), and an id can
 * never take two positions. The chain stays linear, with no forks and no update or ETag needed.
 *
 * Cheap: get/has (point read); one resource's history (one partition); anything bounded by
 * since/until — including the flap and write-budget guards, which span one or two days — (only
 * those day partitions; control, outcome and time are filtered on the server). Expensive: a query
 * with no since/until and no resourceId reads every day partition; `resource` (a substring) and
 * `limit` are applied after reading, because Table Storage has no substring filter or ordering.
 * An append costs a point read (already claimed?), a one-entity head read, the transaction and
 * two inserts.
 *
 * Why a claim entity besides the day entity: a redelivered event is evaluated again, possibly after
 * midnight, so its record would land in another day partition and not collide there; and has(id) must
 * not scan the table. The claim and day copies are written after the transaction; if that fails the
 * append throws, and the next append of the record (or has(id), which a redelivery asks) repairs
 * them from the resource copy or the claim.
 *
 * Complex fields (before, after, exemption, integrity) are stored as JSON strings; null strings and
 * booleans are stored by leaving the property out (Table Storage has no null). Every value
 * round-trips exactly. A record must fit Table Storage's limits (64 KiB per string property, 1 MiB
 * per entity).
 */
import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import type { TableClient, TableEntity, TransactionAction } from '@azure/data-tables';
import { dataTablesSdk } from '../azure/sdk';
import type { Json } from '../controls/types';
import { shownValue } from '../redact';
import { WardenError, describeError } from '../errors';
import { canonicalJson } from './canonical';
import { chainOf, isWellFormed, sealRecord, type AuditKey, type ChainPosition } from './integrity';
import { applyQuery } from './query';
import { OUTCOMES, TRIGGERS, type AuditRecord, type EffectiveMode, type Outcome, type RecordIntegrity, type Trigger } from './record';
import type { AppendResult, AuditQuery, AuditStore, SealingOptions } from './store';
import type { IntegrityFinding, StoredLog } from './verify';
import { isExemptionDetail, isRecordRecommendation } from './well-formed';

export interface TableAuditStoreOptions extends SealingOptions {
  /**
   * Create the table on first use when it is missing (default true). The Function App passes false:
   * the table is deployed with it, and creating one needs a right its insert-only role lacks.
   */
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
  skipCode?: string;
  recommendation?: string;
  integrity?: string;
}

/** A record's place in its resource's chain, next to the record in the resource partition. */
interface SlotEntity {
  id: string;
  seq: number;
  hash: string;
}

const MODES: readonly EffectiveMode[] = ['enforce', 'dry-run', 'report'];
const TABLE_NAME = /^[A-Za-z][A-Za-z0-9]{2,62}$/;
// Characters Table Storage refuses in keys.
const FORBIDDEN_KEY_CHARACTERS = /[/\\#?\u0000-\u001f\u007f-\u009f]/;
// Chain slots sort after every record id (ids never start with `~`), highest seq first.
const SLOT_PREFIX = '~';
const MAX_SEQ = 999_999_999_999_999;
// Two entities per record, and a transaction holds at most 100.
const RECORDS_PER_TRANSACTION = 50;
// Appends racing for one resource's head retry this often (each retry reads the new head).
const CHAIN_ATTEMPTS = 25;
const DAY_PARTITION = /^\d{4}-\d{2}-\d{2}$/;
const ID_PARTITION = /^i-[0-9a-f]{2}$/;
const RESOURCE_PARTITION = /^r-[0-9a-f]{32}$/;

export function dayPartition(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new WardenError('INVALID_INPUT', `audit record time ${JSON.stringify(time)} is not an ISO-8601 time`);
  return new Date(ms).toISOString().slice(0, 10);
}

/** The resource's partition, which is also its chain's name. */
export function resourcePartition(resourceId: string): string {
  return chainOf(resourceId);
}

/** The RowKey of the chain slot at `seq`: counting down, so the head is listed first. */
export function slotKey(seq: number): string {
  return `${SLOT_PREFIX}${String(MAX_SEQ - seq).padStart(15, '0')}`;
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
  if (record.integrity !== undefined) entity.integrity = JSON.stringify(record.integrity);
  if (record.skipCode !== undefined && record.skipCode !== null) entity.skipCode = record.skipCode;
  if (record.recommendation !== undefined) entity.recommendation = JSON.stringify(record.recommendation);
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
  // Kept as text: a newer version's code is not this reader's to refuse (skipCodeOf treats it as unknown).
  if (entity.skipCode !== undefined && entity.skipCode !== null) record.skipCode = text('skipCode');
  if (entity.recommendation !== undefined && entity.recommendation !== null) {
    const recommendation = json('recommendation');
    if (recommendation !== null && !isRecordRecommendation(recommendation)) throw bad('recommendation');
    record.recommendation = recommendation;
  }
  if (entity.integrity !== undefined && entity.integrity !== null) {
    // Kept as stored, well-formed or not: judging the seal is `audit verify`'s job, not the reader's.
    const integrity = json('integrity');
    if (integrity === null || typeof integrity !== 'object' || Array.isArray(integrity)) throw bad('integrity');
    record.integrity = integrity as unknown as RecordIntegrity;
  }
  return record;
}

export class TableAuditStore implements AuditStore {
  /** Entities that could not be read as records during queries; they are skipped, never fatal. */
  readonly warnings: string[] = [];
  private readonly createTable: boolean;
  private readonly key: AuditKey | undefined;
  private ready: Promise<void> | undefined;

  constructor(private readonly client: TableClient, options: TableAuditStoreOptions = {}) {
    this.createTable = options.createTable ?? true;
    this.key = options.key;
  }

  /**
   * In Azure: the table's URL (`https://<account>.table.core.windows.net/<table>`) and the Function
   * App's managed identity (DefaultAzureCredential), which needs read and add on the table (the
   * insert-only role in infra/app.bicep); reviewers need read.
   */
  static fromUrl(tableUrl: string, credential: TokenCredential, options: TableAuditStoreOptions = {}): TableAuditStore {
    let url: URL;
    try {
      url = new URL(tableUrl);
    } catch {
      // Not echoed whole: what lands here by mistake is often a connection string.
      throw new WardenError('INVALID_CONFIG', `audit table URL is not a URL (such as https://<account>.table.core.windows.net/<table>); ${shownValue(tableUrl)}`);
    }
    if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
      throw new WardenError('INVALID_CONFIG', 'audit table URL must not carry a query string, fragment or credentials (use the managed identity, not a SAS)');
    }
    const segments = url.pathname.split('/').filter(Boolean);
    const table = segments.pop();
    if (table === undefined || !TABLE_NAME.test(table)) {
      throw new WardenError('INVALID_CONFIG', `audit table URL must end with a table name (letters and digits, 3-63, starting with a letter); ${shownValue(tableUrl)}`);
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
    // A repeated id within the batch is a duplicate without a round trip. Each resource's records
    // are chained in input order; resources are independent, so their chains are written concurrently.
    const seen = new Set<string>();
    const groups = new Map<string, AuditRecord[]>();
    for (const record of records) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      const partition = resourcePartition(record.resourceId);
      const group = groups.get(partition);
      if (group) group.push(record);
      else groups.set(partition, [record]);
    }
    const stored = new Map<AuditRecord, AuditRecord>();
    await Promise.all([...groups].map(([partition, group]) => this.appendChain(partition, group, stored)));
    // Result order follows input order.
    const result: AppendResult = { inserted: [], duplicates: [] };
    for (const record of records) {
      const sealed = stored.get(record);
      if (sealed) {
        result.inserted.push(sealed);
        stored.delete(record); // a repeat of the same object later in the batch is a duplicate
      } else result.duplicates.push(record);
    }
    return result;
  }

  /**
   * Whether a record with this id is stored. Only a redelivery or re-run finds one, and then the
   * engine skips it without ever appending again, so this is where an append that died before its
   * claim's companions were written gets mended (before, only a second append did, and none came).
   */
  async has(id: string): Promise<boolean> {
    const claim = await this.readClaim(id);
    if (claim === undefined) return false;
    await this.writeCopies(toEntity(fromEntity(claim)), ['day', 'resource']);
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
      // The resource partition also holds the chain slots, which sort after every record id.
      filters.push(dataTablesSdk().odata`RowKey lt ${SLOT_PREFIX}`);
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

  /**
   * Every entity of the table, for `audit verify`: each record once (its resource copy, else its
   * claim, else its day copy), and as findings every copy that differs from it or is missing, and
   * every chain slot without its record or record without its slot.
   */
  async scan(): Promise<StoredLog> {
    await this.ensureTable();
    const copies = new Map<string, { resource?: AuditRecord; claim?: AuditRecord; day?: AuditRecord; partition?: string }>();
    const slots = new Map<string, Map<number, SlotEntity>>();
    const findings: IntegrityFinding[] = [];
    try {
      for await (const entity of this.client.listEntities<Record<string, unknown>>()) {
        const partition = String(entity.partitionKey);
        const rowKey = String(entity.rowKey);
        const kind = ID_PARTITION.test(partition) ? 'claim' : DAY_PARTITION.test(partition) ? 'day' : RESOURCE_PARTITION.test(partition) ? 'resource' : undefined;
        if (kind === undefined) continue; // not an audit partition (the table may hold other data)
        if (kind === 'resource' && rowKey.startsWith(SLOT_PREFIX)) {
          const slot = slotOf(entity);
          if (!slot) {
            findings.push({ kind: 'damaged', chain: partition, detail: `chain slot ${partition}/${rowKey} is not readable` });
            continue;
          }
          const chain = slots.get(partition) ?? new Map<number, SlotEntity>();
          chain.set(slot.seq, slot);
          slots.set(partition, chain);
          continue;
        }
        let record: AuditRecord;
        try {
          record = fromEntity(entity);
        } catch (err) {
          findings.push({ kind: 'damaged', detail: describeError(err) });
          continue;
        }
        const entry = copies.get(record.id) ?? {};
        entry[kind] = record;
        if (kind === 'resource') entry.partition = partition;
        copies.set(record.id, entry);
      }
    } catch (err) {
      throw storeFailed('reading the whole table', err);
    }

    const records: AuditRecord[] = [];
    const slotted = new Set<string>();
    for (const [id, entry] of copies) {
      const record = entry.resource ?? entry.claim ?? entry.day;
      if (!record) continue;
      records.push(record);
      const where = { recordId: id, resourceId: record.resourceId };
      const primary = entry.resource ? 'resource' : entry.claim ? 'claim' : 'day';
      for (const which of ['resource', 'claim', 'day'] as const) {
        const copy = entry[which];
        if (!copy) {
          findings.push({ ...where, kind: 'deleted', detail: `record ${id} has no ${which} copy: deleted, or an append was interrupted (a redelivery's has() restores it)` });
        } else if (copy !== record && canonicalJson(copy) !== canonicalJson(record)) {
          findings.push({ ...where, kind: 'edited', detail: `the ${which} copy of record ${id} differs from its ${primary} copy` });
        }
      }
      if (entry.partition !== undefined && entry.partition !== resourcePartition(record.resourceId)) {
        findings.push({ ...where, kind: 'inserted', detail: `record ${id} is stored in the partition of another resource (${entry.partition})` });
      }
      const seal: unknown = record.integrity;
      if (entry.resource && isWellFormed(seal)) {
        const slot = slots.get(seal.chain)?.get(seal.seq);
        if (!slot || slot.id !== id || slot.hash !== seal.hash) {
          findings.push({ ...where, kind: 'inserted', chain: seal.chain, seq: seal.seq, detail: `record ${id} holds seq ${seal.seq} of its chain but the chain slot there ${slot ? `names ${slot.id === id ? 'another hash' : `record ${slot.id}`}` : 'is missing'}: no append put it there` });
        } else slotted.add(`${seal.chain}/${seal.seq}`);
      }
    }
    for (const [chain, bySeq] of slots) {
      for (const [seq, slot] of bySeq) {
        if (slotted.has(`${chain}/${seq}`) || copies.get(slot.id)?.resource) continue;
        findings.push({ kind: 'deleted', recordId: slot.id, chain, seq, detail: `record ${slot.id} (seq ${seq} of chain ${chain}) is gone; its chain slot remains` });
      }
    }
    return { records, findings };
  }

  /**
   * Appends one resource's records to its chain. A record already claimed is a duplicate (mended,
   * never a second chain entry); the rest go in transactions of the record copies and their slots.
   */
  private async appendChain(partition: string, group: AuditRecord[], stored: Map<AuditRecord, AuditRecord>): Promise<void> {
    // The engine asked has() before evaluating, but a concurrent redelivery, or an append by an
    // older version that died after its claim, may have claimed an id since.
    const claims = await Promise.all(group.map((record) => this.readClaim(record.id)));
    const pending: AuditRecord[] = [];
    await Promise.all(group.map(async (record, i) => {
      const claim = claims[i];
      if (claim === undefined) pending.push(record);
      else await this.writeCopies(toEntity(fromEntity(claim)), ['day', 'resource']);
    }));
    const ordered = group.filter((record) => pending.includes(record));
    for (let from = 0; from < ordered.length; from += RECORDS_PER_TRANSACTION) {
      await this.appendChunk(partition, ordered.slice(from, from + RECORDS_PER_TRANSACTION), stored);
    }
  }

  private async appendChunk(partition: string, chunk: AuditRecord[], stored: Map<AuditRecord, AuditRecord>): Promise<void> {
    let remaining = chunk;
    for (let attempt = 1; remaining.length > 0; attempt += 1) {
      if (attempt > CHAIN_ATTEMPTS) {
        throw new WardenError('AUDIT_STORE_FAILED', `audit table: could not append to the chain of ${remaining[0].resourceId} after ${CHAIN_ATTEMPTS} attempts (other appends kept taking its head)`);
      }
      let position = await this.readHead(partition);
      const sealed = remaining.map((record) => {
        const entry = sealRecord(record, position, this.key);
        const seal = entry.integrity as RecordIntegrity;
        position = { chain: partition, seq: seal.seq + 1, prev: seal.hash };
        return entry;
      });
      const actions: TransactionAction[] = [];
      for (const entry of sealed) {
        const seal = entry.integrity as RecordIntegrity;
        actions.push(['create', { partitionKey: partition, rowKey: entry.id, ...toEntity(entry) }]);
        actions.push(['create', { partitionKey: partition, rowKey: slotKey(seal.seq), id: entry.id, seq: seal.seq, hash: seal.hash }]);
      }
      try {
        await this.client.submitTransaction(actions);
      } catch (err) {
        if (statusOf(err) !== 409) throw storeFailed(`appending to the chain of ${remaining[0].resourceId}`, err);
        // Either another append took the position (read the new head, try again) or one of these
        // ids is in the chain already (a duplicate: mend its other copies, drop it).
        const present = await Promise.all(remaining.map((record) => this.readEntity(partition, record.id)));
        const duplicates = present.filter((entity): entity is Record<string, unknown> => entity !== undefined);
        await Promise.all(duplicates.map((entity) => this.writeCopies(toEntity(fromEntity(entity)), ['claim', 'day'])));
        remaining = remaining.filter((_, i) => present[i] === undefined);
        if (duplicates.length === 0) await sleep(Math.random() * 20 * attempt);
        continue;
      }
      await Promise.all(sealed.map((entry) => this.writeCopies(toEntity(entry), ['claim', 'day'])));
      remaining.forEach((record, i) => stored.set(record, sealed[i]));
      return;
    }
  }

  /** The next position in a resource's chain: after its newest slot, or the first. */
  private async readHead(partition: string): Promise<ChainPosition> {
    let first: Record<string, unknown> | undefined;
    try {
      const pages = this.client
        .listEntities<Record<string, unknown>>({ queryOptions: { filter: dataTablesSdk().odata`PartitionKey eq ${partition} and RowKey ge ${SLOT_PREFIX}`, select: ['id', 'seq', 'hash'] } })
        .byPage({ maxPageSize: 1 });
      for await (const page of pages) {
        first = page[0];
        if (first !== undefined || page.continuationToken === undefined) break;
      }
    } catch (err) {
      throw storeFailed(`reading the chain head of ${partition}`, err);
    }
    if (first === undefined) return { chain: partition, seq: 1, prev: null };
    const slot = slotOf(first);
    // A slot that is not one the store wrote: appending after it would hide it in a valid-looking chain.
    if (!slot) throw new WardenError('AUDIT_STORE_FAILED', `audit table: the chain head of ${partition} is not a readable chain slot (run \`transit-warden audit verify\`)`);
    return { chain: partition, seq: slot.seq + 1, prev: slot.hash };
  }

  /** Inserts the named copies of a record; 409 means an earlier attempt wrote that copy already. */
  private async writeCopies(entity: AuditEntity, which: readonly ('claim' | 'day' | 'resource')[]): Promise<void> {
    const partitions = { claim: idPartition(entity.id), day: dayPartition(entity.time), resource: resourcePartition(entity.resourceId) };
    await Promise.all(which.map((copy) => this.create({ partitionKey: partitions[copy], rowKey: entity.id, ...entity }, `${copy} copy`)));
  }

  /**
   * createEntity; false on 409 (already there). The SDK's pipeline already retries throttling and
   * transient failures. One consequence: if Azure stored an entity but its response was lost, the
   * SDK's retry sees 409 — it is stored exactly once either way.
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

  private async readClaim(id: string): Promise<Record<string, unknown> | undefined> {
    if (typeof id !== 'string' || id === '' || FORBIDDEN_KEY_CHARACTERS.test(id)) return undefined;
    return this.readEntity(idPartition(id), id);
  }

  private async readEntity(partition: string, rowKey: string): Promise<Record<string, unknown> | undefined> {
    await this.ensureTable();
    try {
      return await this.client.getEntity<Record<string, unknown>>(partition, rowKey);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw storeFailed(`reading record ${rowKey}`, err);
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

function slotOf(entity: Record<string, unknown>): SlotEntity | undefined {
  const { id, seq, hash } = entity;
  if (typeof id !== 'string' || typeof hash !== 'string' || typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return undefined;
  return { id, seq, hash };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function validateKeys(record: AuditRecord): void {
  if (typeof record.id !== 'string' || record.id === '' || record.id.length > 512 || FORBIDDEN_KEY_CHARACTERS.test(record.id) || record.id.startsWith(SLOT_PREFIX)) {
    throw new WardenError('INVALID_INPUT', `audit record id ${JSON.stringify(record.id)} cannot be a table key`);
  }
  dayPartition(record.time);
}
