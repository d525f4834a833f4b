import * as functions from '@azure/functions';
import { SWEEP_QUEUE, SWEEP_QUEUE_CONNECTION, sweepSubscription } from '../src/handlers/drift-sweep';
import { getRuntime } from '../src/runtime';

// One message per subscription; after the host's retries (maxDequeueCount) a failing message
// moves to transit-warden-sweep-poison for review.
functions.app.storageQueue('sweepSubscription', {
  queueName: SWEEP_QUEUE,
  connection: SWEEP_QUEUE_CONNECTION,
  handler: sweepSubscription(getRuntime),
});
