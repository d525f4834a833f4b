import { isDeepStrictEqual } from 'node:util';
import type { ArmObject, JsonObject } from '../../controls/types';
import { valuesAt } from '../../engine/patches';

/** A GET of the resource a long-running PATCH was sent to. */
export type ReadResource = () => Promise<ArmObject>;

/** True when `resource` shows every value `body` wrote. */
export function showsWritten(resource: ArmObject, body: JsonObject): boolean {
  return isDeepStrictEqual(valuesAt(resource, body), body);
}

/**
 * Reads the resource until `done` holds (by default: it shows what `body` wrote) or `timeoutMs`
 * has passed, and returns the last read. For kinds whose PATCH is long-running but whose operation
 * monitors the least-privileged role cannot be shown to cover (Azure SQL's need an action no custom
 * role can list; Event Grid's are recorded nowhere): completion is watched on the resource itself,
 * with the read permission the role has. After the bound the engine records the fix unverified and
 * the next evaluation confirms it.
 */
export async function readBackUntil(
  read: ReadResource,
  body: JsonObject,
  options: { timeoutMs: number; pollIntervalMs: number; done?: (resource: ArmObject, body: JsonObject) => boolean },
): Promise<ArmObject> {
  const done = options.done ?? showsWritten;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const resource = await read();
    if (done(resource, body) || Date.now() >= deadline) return resource;
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs));
  }
}
