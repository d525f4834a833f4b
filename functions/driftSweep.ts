import * as functions from '@azure/functions';
import { driftSweepTimer, sweepQueueOutput } from '../src/handlers/drift-sweep';
import { sweepScheduleFromEnv } from '../src/config';
import { getRuntime } from '../src/runtime';

// Schedule from TRANSIT_WARDEN_SWEEP_SCHEDULE (default every 6 hours), validated as NCRONTAB by
// src/config.ts: a bad one throws INVALID_CONFIG here, at import, so the host reports it at start-up
// instead of a timer that never fires. Never on start-up, so a restart or scale-out does not start
// an extra sweep.
functions.app.timer('driftSweep', {
  schedule: sweepScheduleFromEnv(),
  runOnStartup: false,
  return: sweepQueueOutput,
  handler: driftSweepTimer(getRuntime),
});
