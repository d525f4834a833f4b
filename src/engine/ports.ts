import type { ArmObject, ControlTarget, JsonObject } from '../controls/types';
import type { ResourceId } from '../core/resource-id';
import type { AuditStore } from '../audit/store';
import type { AuditRecord } from '../audit/record';

/**
 * The engine's view of the world. src/azure implements these over the official SDKs; tests and the
 * sandbox plug in the same implementation pointed at the ARM emulator. The engine imports no SDK.
 */
export interface ResourceSnapshot {
  /** The resource itself, as GET returns it. */
  resource: ArmObject;
  /** Child documents keyed by control target (e.g. `config/web`); absent when ARM has none. */
  documents: Record<ControlTarget, ArmObject | undefined>;
}

export interface ResourceReader {
  /** Reads the resource and the child documents the given targets need. Throws RESOURCE_NOT_FOUND. */
  read(id: ResourceId, targets: readonly ControlTarget[]): Promise<ResourceSnapshot>;
  /** Tags on the resource group; {} when it has none. */
  readResourceGroupTags(subscriptionId: string, resourceGroup: string): Promise<Record<string, string>>;
}

export interface ResourceWriter {
  /**
   * PATCH the target document with a wire-shaped body (e.g. `{properties:{httpsOnly:true}}`); waits
   * for long-running operations. A full PUT only where the REST spec offers no PATCH for the property
   * (writeMethod says so): the document just read, with only the body's values changed. Returns the document as ARM reports it after the
   * write (the PATCH response, or the final GET of a long-running operation): the engine verifies
   * the fix against it, which saves a read per write against ARM's read budget.
   */
  patch(id: ResourceId, target: ControlTarget, body: JsonObject): Promise<ArmObject>;
  /** Restarts a server so a static parameter takes effect (only when the deployment allows it). */
  restart?(id: ResourceId): Promise<void>;
  /** How `patch` writes the target: `PUT` where it writes the whole document back; absent or `PATCH` otherwise. */
  writeMethod?(id: ResourceId, target: ControlTarget): 'PATCH' | 'PUT';
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Tells people about outcomes that need attention (fixed, flapping, failed). Publishing is best
 * effort: a notification failure is logged and never changes or blocks a record.
 */
export interface Notifier {
  publish(records: readonly AuditRecord[]): Promise<void>;
}

/**
 * A lease on one name, held in storage every instance shares (a Table entity in Azure), so that two
 * instances handling the same resource take turns. It expires by itself: a holder that dies (a
 * `kill -9`, a recycled worker) blocks others for at most one TTL.
 */
export interface Lease {
  /**
   * Extends the lease by its TTL from now, conditional on it still being this holder's (ETag /
   * If-Match on the Table entity). False when it expired and another holder took it, or it is gone.
   * Throws only when the store cannot be reached.
   */
  renew(): Promise<boolean>;
  /** Gives the lease up (conditional too: never someone else's). */
  release(): Promise<void>;
}

export interface LeaseStore {
  /**
   * Takes the lease named `key` for `ttlMs` when nobody holds it or its last holder let it expire;
   * undefined while another holder has it. `holder` names the taker in the entity, for people.
   */
  tryAcquire(key: string, holder: string, ttlMs: number): Promise<Lease | undefined>;
}

/**
 * What the engine is about to send, recorded durably before it sends it: a PATCH of one document,
 * or a server restart. If the process dies between the write and its audit records, the intent is
 * the evidence, and the next evaluation of the resource completes the records from ARM's state.
 */
export interface WriteIntent {
  /** Deterministic from the record ids and the step, so a retry finds the same intent. */
  id: string;
  /** Intents of one write share it: the PATCH and the restart that follows it. */
  group: string;
  resourceId: string;
  target: ControlTarget;
  step: 'patch' | 'restart';
  /** The PATCH body about to be sent (for a restart: the PATCH body it makes take effect). */
  body: JsonObject;
  /** ISO-8601 UTC, when it was recorded. */
  time: string;
  holder: string;
  /**
   * The audit records this write is to end in, as they would read if it takes (outcome `fixed`,
   * `after` = what is sent, `verified` null): the reconciliation completes them from what ARM holds.
   */
  records: AuditRecord[];
}

/**
 * Where intents live: not the audit store (insert-only, and its readers must never show an intent
 * as an outcome). Closed intents are removed: once the records exist, they are the evidence.
 */
export interface IntentStore {
  /** Stored durably before it resolves; recording the same id again replaces it. */
  record(intent: WriteIntent): Promise<void>;
  /** Intents of this resource (id compared case-insensitively) not yet closed, oldest first. */
  open(resourceId: string): Promise<WriteIntent[]>;
  /** The intent's records are stored (or it was never sent): forget it. */
  close(intent: WriteIntent): Promise<void>;
  /**
   * Every open intent, oldest first. The sweep settles them: a write whose evaluation died is
   * otherwise reconciled only when the same resource is evaluated again, and a sweep re-run after a
   * crash no longer picks a resource the dead run already fixed.
   */
  list(): Promise<WriteIntent[]>;
}

export interface EnginePorts {
  reader: ResourceReader;
  writer: ResourceWriter;
  audit: AuditStore;
  clock: Clock;
  notifier?: Notifier;
  /**
   * Serialises evaluations of one resource across instances. Absent: an in-process lease (enough
   * for one process — the CLI, the sandbox, a JSONL store — never for a scaled-out deployment).
   */
  leases?: LeaseStore;
  /** Intents before writes. Absent: kept in memory (lost with the process, like a memory audit store). */
  intents?: IntentStore;
}
