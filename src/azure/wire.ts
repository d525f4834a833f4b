import { coreRestPipeline } from './sdk';
import type { ArmObject, JsonObject } from '../controls/types';
import { resourceBody } from './arm-request';
import { WardenError, describeError } from '../errors';

/** The part of every SDK's raw response we rely on: the body exactly as ARM sent it. */
interface RawResponse {
  status?: number;
  bodyAsText?: string | null;
}
export type CaptureOptions = { onResponse: (response: RawResponse) => void };

/**
 * Calls an SDK operation and returns the wire JSON of its last response instead of the SDK's
 * model. The new generated clients flatten `properties` and rename fields (storage's
 * `enableHttpsTrafficOnly` is `supportsHttpsTrafficOnly` on the wire); controls evaluate the wire
 * shape, so that one control serves events, sweeps and `check` alike.
 *
 * A long-running operation calls back for every poll, and its last response is not always the
 * resource: MySQL's Location monitor ends with an operation result, some providers end with 204.
 * Then `reread` (a GET of the resource) gives ARM's final state. An earlier resource-shaped body is
 * never used instead: it may be a snapshot from before the operation finished.
 */
export async function callForWire(operation: (options: CaptureOptions) => Promise<unknown>, reread?: () => Promise<ArmObject>): Promise<ArmObject> {
  let last: string | undefined;
  let lastStatus: number | undefined;
  // Any 2xx answer means ARM accepted the request; for a long-running write, later answers are polls.
  let accepted = false;
  try {
    await operation({
      onResponse: (response) => {
        lastStatus = response.status;
        if (response.status !== undefined && response.status >= 200 && response.status < 300) accepted = true;
        // Only the last answer counts: a final poll without a body must not leave an earlier
        // (pre-operation) resource body standing in for the result.
        last = response.bodyAsText || undefined;
      },
    });
  } catch (err) {
    // ARM said 2xx but the SDK could not make its model of the answer (an empty 202 trips some
    // generated deserialisers with a TypeError): the write was accepted, so read back what ARM
    // holds. Anything else is a real failure — the poller reports an operation that ARM says
    // failed as a plain Error after a 200 status poll, and that must not become a verified fix.
    const lastAccepted = lastStatus !== undefined && lastStatus >= 200 && lastStatus < 300;
    if (reread && lastAccepted && isDeserializationFailure(err)) return readBack(reread);
    // The write was accepted and then a poll of its operation was throttled, failed on ARM's side or
    // got no answer: the change may well be in ARM. Say so with its own code, so the engine reads
    // the resource back and records what ARM holds, never "not applied".
    if (reread && accepted && isUnansweredPoll(err)) {
      throw new WardenError('WRITE_UNCONFIRMED', `ARM accepted the write, but its operation status could not be read: ${describeError(err)}`, { status: pollStatus(err) }, { cause: err });
    }
    throw err;
  }
  const resource = resourceBody({ bodyAsText: last });
  if (resource) return resource;
  if (reread) return readBack(reread);
  throw new WardenError('ARM_REQUEST_FAILED', 'ARM returned no resource body where a resource was expected');
}

/**
 * The GET after an accepted write. Its failure must not read as a refused write: a throttled GET
 * would make the engine forget the write's intent and record the retry's view (found in the soak:
 * a Redis update applied, its read-back 429'd, no record). WRITE_UNCONFIRMED makes it read again.
 */
async function readBack(reread: () => Promise<ArmObject>): Promise<ArmObject> {
  try {
    return await reread();
  } catch (err) {
    throw new WardenError('WRITE_UNCONFIRMED', `ARM accepted the write, but reading the resource back failed: ${describeError(err)}`, { status: pollStatus(err) }, { cause: err });
  }
}

/** A poll that got 408/429/5xx or no answer at all (an operation ARM reports Failed is a plain Error). */
function isUnansweredPoll(err: unknown): boolean {
  if (!coreRestPipeline().isRestError(err)) return false;
  const status = err.statusCode;
  return status === undefined || status === 408 || status === 429 || status >= 500;
}

function pollStatus(err: unknown): number | null {
  return coreRestPipeline().isRestError(err) ? err.statusCode ?? null : null;
}

/** What a generated deserialiser throws on a body it did not expect (a RestError is neither). */
function isDeserializationFailure(err: unknown): boolean {
  return err instanceof TypeError || err instanceof SyntaxError;
}

/** Maps SDK errors to coded errors; the ARM error code and message are kept for the audit reason. */
export function toWardenError(err: unknown, what: string): WardenError {
  if (err instanceof WardenError) return err;
  if (coreRestPipeline().isRestError(err)) {
    const status = err.statusCode;
    const armCode = err.code ?? 'unknown';
    const message = `${what}: ARM answered ${status ?? 'no status'} ${armCode}: ${firstLine(err.message)}`;
    if (status === 404) return new WardenError('RESOURCE_NOT_FOUND', message, { status, armCode }, { cause: err });
    if (status === 429) return new WardenError('THROTTLED', message, { status, armCode }, { cause: err });
    return new WardenError('ARM_REQUEST_FAILED', message, { status, armCode }, { cause: err });
  }
  return new WardenError('ARM_REQUEST_FAILED', `${what}: ${describeError(err)}`, undefined, { cause: err });
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * Lifts a wire PATCH body `{properties:{...}}` into the SDK's flattened model, renaming where the
 * SDK differs from the wire. Any property the mapping does not know is refused: the SDK serializers
 * drop unknown model fields silently, and a fix that silently writes less than planned would be
 * recorded as done.
 */
export function toSdkModel(body: JsonObject, wireToSdk: Readonly<Record<string, string>>, what: string): Record<string, unknown> {
  const model: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'properties') throw new WardenError('INVALID_INPUT', `${what}: only properties can be patched, got top-level ${key}`);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new WardenError('INVALID_INPUT', `${what}: properties must be an object`);
    }
    for (const [wireName, propertyValue] of Object.entries(value)) {
      const sdkName = wireToSdk[wireName];
      if (!sdkName) throw new WardenError('INVALID_INPUT', `${what}: property ${wireName} is not writable through this gateway`);
      model[sdkName] = propertyValue;
    }
  }
  return model;
}
