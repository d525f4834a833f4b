import { defineControl, fail, pass, readPath, SELF, type ArmObject, type Json, type JsonObject, type Verdict } from '../../controls/types';
import { API_PERMISSIONS, API_TYPE, PROTOCOLS } from './shared';

/** The protocols as GET answers them (Protocol is modelAsString: compared without case), or undefined when absent. */
function protocolsOf(api: ArmObject): string[] | undefined {
  const value: Json | undefined = readPath(api, PROTOCOLS);
  if (!Array.isArray(value)) return undefined;
  return value.filter((p): p is string => typeof p === 'string');
}

const lower = (list: readonly string[]): string[] => list.map((p) => p.toLowerCase());

/** Plain protocols the API still accepts: http, and ws unless wss is there too (issue 14's row). */
function plainOf(protocols: readonly string[]): string[] {
  const set = new Set(lower(protocols));
  const plain: string[] = [];
  if (set.has('http')) plain.push('http');
  if (set.has('ws') && !set.has('wss')) plain.push('ws');
  return plain;
}

/**
 * The same list without http and with a lone ws as wss, in the order read, without duplicates; an
 * API left with nothing (it only had http) gets https: the fix never sends an empty list.
 */
function securedOf(protocols: readonly string[]): string[] {
  const plain = new Set(plainOf(protocols));
  const out: string[] = [];
  for (const p of lower(protocols)) {
    const next = p === 'http' && plain.has('http') ? undefined : p === 'ws' && plain.has('ws') ? 'wss' : p;
    if (next !== undefined && !out.includes(next)) out.push(next);
  }
  return out.length === 0 ? ['https'] : out;
}

function evaluate(api: ArmObject): Verdict {
  const protocols = protocolsOf(api);
  // The spec documents no default for an absent list, and every GET example carries one.
  if (protocols === undefined) return pass();
  const plain = plainOf(protocols);
  if (plain.length === 0) return pass();
  return fail(PROTOCOLS, readPath(api, PROTOCOLS), securedOf(protocols), `the API accepts ${plain.join(' and ')} (unencrypted) calls at the gateway`);
}

function fix(api: ArmObject): JsonObject {
  return { properties: { protocols: securedOf(protocolsOf(api) ?? []) } };
}

export default defineControl({
  id: 'apim-api-https-only',
  title: 'API Management APIs are callable over HTTPS/WSS only',
  summary: {
    resource: 'API Management APIs (every revision)',
    compliantWhen: '`protocols` holds no `http`, and no `ws` unless `wss` too',
    fix: 'PATCH `protocols` without `http` (a lone `ws` as `wss`; only `http` becomes `["https"]`), If-Match the ETag read',
  },
  recommendations: [],
  resourceTypes: [API_TYPE],
  target: SELF,
  permissions: [...API_PERMISSIONS],
  defaultMode: 'enforce',
  doc: {
    why: 'An API whose protocols include http (or ws without wss) is served by the gateway on plain HTTP: subscription keys, bearer tokens and payloads between clients and the gateway cross the network unencrypted, whatever the gateway\'s TLS settings are.',
    fix: 'PATCH the API (Api_Update, apimapis.json api-version 2024-05-01, @azure/arm-apimanagement 10.0.0) with {"properties":{"protocols":[…]}}: the list as read without "http", a lone "ws" replaced by "wss", and ["https"] when only "http" was there (the list is never sent empty). Api_Update requires If-Match: the ETag the GET answered in its header is sent, so a change made to the API since the read is answered 412 and the evaluation is retried, reading the API again; it is never written blind ("*"). Every revision that reaches the engine is judged: Api_Get serves non-current revisions as apis/{apiId};rev={n}, and the gateway routes calls to them by that suffix, so each is its own resource with its own protocols. Coverage: Resource Graph has no rows for APIs, so sweeps list them by ARM calls (Api_ListByService per service); that list\'s example shows only current revisions, so non-current ones are covered by write events on them, not relied on from sweeps.',
    sideEffects: 'Clients calling the API over http:// (or ws://) get no answer from the gateway for it and must switch to https:// (wss://). The gateway URL and certificate are unchanged; backends are not affected (serviceUrl is left alone).',
    exemptWhen: 'An API that must keep serving a named plain-HTTP client (a device that cannot do TLS) during a dated migration, ideally on a separate API path.',
  },
  evaluate,
  fix,
  fixPaths: [PROTOCOLS],
});
