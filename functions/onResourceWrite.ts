import * as functions from '@azure/functions';
import { onResourceWrite } from '../src/handlers/on-resource-write';
import { getRuntime } from '../src/runtime';

// getRuntime itself, not its result: the runtime is built on the first event, not at import.
functions.app.eventGrid('onResourceWrite', { handler: onResourceWrite(getRuntime) });
