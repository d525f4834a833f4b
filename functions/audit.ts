import * as functions from '@azure/functions';
import { auditApi } from '../src/handlers/audit-api';
import { getRuntime } from '../src/runtime';

// authLevel 'function': the Functions host rejects requests without a valid function key (header
// x-functions-key or ?code=) before the handler runs. getRuntime itself, not its result, so the runtime
// is built on the first request, not at import.
functions.app.http('audit', { methods: ['GET'], authLevel: 'function', route: 'audit', handler: auditApi(getRuntime) });
