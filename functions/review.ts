import * as functions from '@azure/functions';
import { reviewPage } from '../src/handlers/review';
import { getRuntime } from '../src/runtime';

// GET /api/review — the review page. Two ways to protect it:
//  - Function key (this registration): open /api/review?code=<key> or send x-functions-key. Simple, but
//    a shared secret; the page is no-store and no-referrer so the key is not cached or leaked onward.
//  - App Service Authentication (Easy Auth, e.g. Microsoft Entra ID, "require authentication"): people
//    sign in with their own accounts and the platform rejects everyone else before this code runs.
//    Keep the key as well, or change authLevel to 'anonymous' only once Easy Auth requires sign-in for
//    the whole app: anonymous without it would publish the audit log.
// getRuntime itself, not its result: the runtime is built on the first request, not at import.
functions.app.http('review', { methods: ['GET'], authLevel: 'function', route: 'review', handler: reviewPage(getRuntime) });
