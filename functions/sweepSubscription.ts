import * as functions from '@azure/functions';
import { SWEEP_QUEUE, SWEEP_QUEUE_CONNECTION, sweepQueueOutput, sweepSubscription } from '../src/handlers/drift-sweep';
import { getRuntime } from '../src/runtime';

// A batch message (up to 1,000 subscriptions) queries Resource Graph and fans its candidates out
// to the same queue, through the extra output; a candidates message runs the engine over them.
// After the host's retries (maxDequeueCount) a failing message moves to
// transit-warden-sweep-poison for review.
functions.app.storageQueue('sweepSubscription', {
  queueName: SWEEP_QUEUE,
  connection: SWEEP_QUEUE_CONNECTION,
  extraOutputs: [sweepQueueOutput],
  handler: sweepSubscription(getRuntime),
});
