import { defineControl, fail, notApplicable, pass, readPath, SELF } from '../../controls/types';
import { CONTAINER_APP_PERMISSIONS, CONTAINER_APP_TYPE } from './shared';

const INGRESS = 'properties.configuration.ingress';
const PATH = `${INGRESS}.allowInsecure`;

export default defineControl({
  id: 'containerapp-https-only',
  title: 'Container Apps ingress redirects plain HTTP to HTTPS',
  summary: { resource: 'Container Apps (with ingress)', compliantWhen: '`configuration.ingress.allowInsecure` not `true`', fix: 'PATCH (long-running)' },
  // Azure/azure-policy built-in-policies/policyDefinitions/Container Apps/ContainerApps_EnableHTTPS_Audit.json
  // (v1.0.1: configuration.ingress.allowInsecure equals true). No Defender assessment was verified.
  recommendations: [
    { appliesTo: 'any', policies: [{ id: '0e80e269-43a4-4ae9-b5bc-178126b8a5cb', displayName: 'Container Apps should only be accessible over HTTPS' }], assessment: null },
  ],
  resourceTypes: [CONTAINER_APP_TYPE],
  target: SELF,
  permissions: [...CONTAINER_APP_PERMISSIONS],
  defaultMode: 'enforce',
  doc: {
    why: 'With ingress.allowInsecure the app\'s HTTP endpoint answers plain HTTP on port 80 instead of redirecting it to HTTPS, so requests, cookies, bearer tokens and responses can cross the network unencrypted and be read or altered on the way.',
    fix: 'PATCH the app (ContainerApps_Update, JSON merge patch, long-running; the writer waits for it) with {"properties":{"configuration":{"ingress":{"allowInsecure":false}}}}, plus the app\'s own location, which the request model (a TrackedResource) requires. Merge patch merges the ingress object key by key, so targetPort, traffic, customDomains, IP restrictions and the other ingress settings are left as they are. An absent flag counts as compliant: the REST spec (2026-07-01) defaults it to false. An app without ingress has no HTTP endpoint and is not applicable: nothing is written.',
    sideEffects: 'Plain-HTTP requests to the app get a redirect to HTTPS instead of an answer: clients that cannot follow redirects or do not trust the app\'s certificate (custom domains without a certificate binding) stop working, and health checks or callers using http:// must switch to https://. Ingress is an application-scope setting, so the change creates no new revision and does not restart replicas.',
    differsFromPolicy: 'The policy flags only allowInsecure equal to true; this control also fails a value ARM would not write for a defaulted boolean (null, a string), which says nothing about the redirect. Both treat an absent flag as compliant; the policy does not single out apps without ingress, which have no allowInsecure to flag.',
    exemptWhen: 'An internal-only app (ingress.external false) called over plain HTTP by a client inside the environment that cannot do TLS, while that client is replaced. Exempt with an until date and the client named in the reason.',
  },
  evaluate: (app) => {
    const ingress = readPath(app, INGRESS);
    // No ingress (absent or null, which ARM returns for an app without ingress): no HTTP endpoint.
    if (ingress === undefined || ingress === null) return notApplicable('the container app has no ingress, so it serves no HTTP endpoint to redirect');
    const actual = readPath(app, PATH);
    // Absent means the spec default, false. Anything else but false (true, null, a string) fails.
    if (actual === undefined || actual === false) return pass();
    return fail(PATH, actual, false);
  },
  fix: () => ({ properties: { configuration: { ingress: { allowInsecure: false } } } }),
  fixPaths: [PATH],
});
