import { defineControl, fail, pass, readPath, SELF, type JsonObject } from '../../controls/types';
import { ENDPOINT_TYPE } from './shared';

const PATH = 'properties.isHttpAllowed';

export default defineControl({
  id: 'cdn-endpoint-https-only',
  title: 'Classic Azure CDN endpoints serve only HTTPS',
  summary: { resource: 'CDN endpoints (classic)', compliantWhen: '`isHttpAllowed = false`', fix: 'PATCH (long-running); reports by default' },
  recommendations: [],
  resourceTypes: [ENDPOINT_TYPE],
  target: SELF,
  permissions: [
    'Microsoft.Cdn/profiles/endpoints/read',
    'Microsoft.Cdn/profiles/endpoints/write',
    // Endpoints_Update is long-running: the SDK polls …/providers/Microsoft.Cdn/operationresults/{id}.
    'Microsoft.Cdn/operationresults/read',
    // Where Resource Graph is missing, the sweep lists profiles to find their endpoints.
    'Microsoft.Cdn/profiles/read',
  ],
  // Blast radius: the edge stops answering plain HTTP at once, with no redirect (Endpoints_Update has no
  // redirect switch; a redirect is a delivery rule the owner designs). Every http:// link, embedded
  // asset, old app build and health probe that uses HTTP fails. That is an outage to plan, not a drift
  // to correct silently, so the control reports by default and enforces only where configured.
  defaultMode: 'report',
  doc: {
    why: 'An endpoint with isHttpAllowed true serves its content over plain HTTP as well as HTTPS, so pages, scripts and downloads (and any cookies or tokens in the requests) can be read or altered on the way.',
    fix: 'PATCH the endpoint (Endpoints_Update, long-running; the writer waits for it) with {"properties":{"isHttpAllowed":false}}. The spec requires at least one protocol to stay allowed: an endpoint that has HTTPS switched off too gets {"isHttpAllowed":false,"isHttpsAllowed":true}. Origins, rules and custom domains are not sent and stay as they are. Reports by default: see side effects.',
    sideEffects: 'Plain HTTP requests to the endpoint host and its custom domains stop being served at once (no automatic redirect): http:// links, hard-coded asset URLs, old app builds and HTTP health probes fail. A custom domain without custom HTTPS enabled becomes unreachable. The usual path is a delivery rule that redirects HTTP to HTTPS first (a UrlRedirect action on RequestScheme HTTP), then this fix once traffic is HTTPS-only.',
    exemptWhen: 'An endpoint that must keep plain HTTP for named clients (set-top boxes, firmware updaters, package mirrors verifying signatures themselves) or that already redirects HTTP to HTTPS with a delivery rule; name the clients or the rule.',
  },
  evaluate: (endpoint) => {
    const actual = readPath(endpoint, PATH);
    if (actual === false) return pass();
    // Absent means the default, true.
    return fail(PATH, actual, false, `${PATH} is ${actual === undefined ? 'absent (default true)' : JSON.stringify(actual)}, expected false`);
  },
  fix: (endpoint) => {
    const properties: JsonObject = { isHttpAllowed: false };
    // "At least one protocol (HTTP or HTTPS) must be allowed": never leave both off.
    if (readPath(endpoint, 'properties.isHttpsAllowed') === false) properties.isHttpsAllowed = true;
    return { properties };
  },
  fixPaths: ['properties.isHttpAllowed', 'properties.isHttpsAllowed'],
});
