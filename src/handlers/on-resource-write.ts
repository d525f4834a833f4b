import type { EventGridEvent, InvocationContext } from '@azure/functions';
import { describeError } from '../errors';
import { redactSecrets } from '../redact';
import { skippedEvents, type Intake, type IntakeSummary } from '../events/intake';

export interface OnResourceWriteRuntime {
  intake: Intake;
}

export type EventGridFunctionHandler = (event: EventGridEvent, context: InvocationContext) => Promise<void>;

/**
 * The Event Grid function: hands the event to the intake and logs one line. It throws (so Event
 * Grid retries, for up to 24 h) only when the intake does, i.e. when the engine hit an
 * infrastructure failure; problems with one resource are audit records, and a malformed event is
 * logged and dropped because a retry would be just as malformed.
 *
 * Pass the runtime itself, or a function that returns it: the function app passes `getRuntime`
 * so that importing the registration builds nothing until the first event arrives.
 */
export function onResourceWrite(runtime: OnResourceWriteRuntime | (() => OnResourceWriteRuntime)): EventGridFunctionHandler {
  return async (event, context) => {
    const { intake } = typeof runtime === 'function' ? runtime() : runtime;
    try {
      const summary = await intake.handle(event);
      context.log(summaryLine(summary));
    } catch (err) {
      context.error(`onResourceWrite failed, Event Grid will retry: ${describeError(err)}`);
      throw err;
    }
  };
}

/** One line for the Functions log: counts, and why each skipped event was skipped. */
export function summaryLine(summary: IntakeSummary): string {
  const counts =
    `evaluated ${summary.evaluated} resource(s), ${summary.records.length} audit record(s); ` +
    `ignored ${summary.ignored.length}, rejected ${summary.rejected.length}, out of scope ${summary.outOfScope.length}, ` +
    `own writes ${summary.ownWrites.length}, duplicates ${summary.duplicates.length}`;
  const skipped = skippedEvents(summary).map((s) => `${s.kind} ${s.eventId ?? '(no id)'}: ${s.reason}`);
  // The Functions host's log is not pino's, so its masking hook does not run here: event ids and
  // reasons are masked where they are made, and the line once more as a whole.
  return redactSecrets(skipped.length > 0 ? `${counts} | ${skipped.join(' | ')}` : counts);
}
