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

export interface EnginePorts {
  reader: ResourceReader;
  writer: ResourceWriter;
  audit: AuditStore;
  clock: Clock;
  notifier?: Notifier;
}
