import * as functions from '@azure/functions';
import { driftSweepTimer, sweepQueueOutput } from '../src/handlers/drift-sweep';
import { sweepScheduleFromEnv } from '../src/config';
import { getRuntime } from '../src/runtime';

// Schedule from TRANSIT_WARDEN_SWEEP_SCHEDULE (default every 6 hours); never on start-up, so a
// restart or scale-out does not start an extra sweep.
functions.app.timer('driftSweep', {
  schedule: sweepScheduleFromEnv(),
  runOnStartup: false,
  return: sweepQueueOutput,
  handler: driftSweepTimer(getRuntime),
});
