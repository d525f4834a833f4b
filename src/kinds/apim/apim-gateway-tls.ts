import { defineControl, fail, notApplicable, pass, readPath, SELF, type ArmObject, type Json, type JsonObject, type Verdict } from '../../controls/types';
import { CUSTOM_PROPERTIES, DISABLED, GATEWAY_PROTOCOL_SETTINGS, SERVICE_TYPE, TIERS_WITHOUT_PROTOCOL_SETTINGS } from './shared';

/**
 * The spec's customProperties description: an omitted setting has the default "True" (enabled) for
 * a service created on or before 1 April 2018 and "False" after it.
 */
const DEFAULTS_OFF_AFTER = Date.parse('2018-04-02T00:00:00Z');

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether `setting` leaves its protocol off: "false" in any case, or absent on a service whose defaults are off. */
function isOff(map: JsonObject, setting: string, service: ArmObject): boolean {
  const value = map[setting];
  if (typeof value === 'string') return value.toLowerCase() === DISABLED;
  if (value !== undefined && value !== null) return false;
  const created = readPath(service, 'properties.createdAtUtc');
  const at = typeof created === 'string' ? Date.parse(created) : Number.NaN;
  return Number.isFinite(at) && at >= DEFAULTS_OFF_AFTER;
}

/** The settings still on, in GATEWAY_PROTOCOL_SETTINGS order. */
function settingsOn(service: ArmObject): string[] {
  const found = readPath(service, CUSTOM_PROPERTIES);
  const map = isObject(found) ? found : {};
  return GATEWAY_PROTOCOL_SETTINGS.filter((setting) => !isOff(map, setting, service));
}

function tierOf(service: ArmObject): string | undefined {
  const name = readPath(service, 'sku.name');
  return typeof name === 'string' ? name : undefined;
}

function evaluate(service: ArmObject): Verdict {
  const tier = tierOf(service);
  if (tier !== undefined && TIERS_WITHOUT_PROTOCOL_SETTINGS.some((t) => t.toLowerCase() === tier.toLowerCase())) {
    return notApplicable(`the ${tier} tier has no gateway protocol settings`);
  }
  const on = settingsOn(service);
  if (on.length === 0) return pass();
  const expected: JsonObject = Object.fromEntries(on.map((setting) => [setting, DISABLED]));
  const names = on.map((setting) => setting.replace('Microsoft.WindowsAzure.ApiManagement.Gateway.Security.', '')).join(', ');
  return fail(CUSTOM_PROPERTIES, readPath(service, CUSTOM_PROPERTIES), expected, `the gateway still allows ${names} (customProperties not "false")`);
}

/** Only the settings still on, each to "false": the adapter sends them inside the whole map as read. */
function fix(service: ArmObject): JsonObject {
  return { properties: { customProperties: Object.fromEntries(settingsOn(service).map((setting) => [setting, DISABLED])) } };
}

export default defineControl({
  id: 'apim-gateway-tls',
  title: 'API Management gateways refuse TLS 1.0, TLS 1.1 and SSL 3.0 from clients and towards backends',
  summary: {
    resource: 'API Management services (not Consumption)',
    compliantWhen: '`customProperties` `…Security.Protocols.Tls10/Tls11/Ssl30` and `…Security.Backend.Protocols.Tls10/Tls11/Ssl30` are `"false"`',
    fix: 'PATCH of the whole `customProperties` map as read, those keys `"false"` (long-running; report by default)',
  },
  recommendations: [],
  resourceTypes: [SERVICE_TYPE],
  target: SELF,
  permissions: [
    'Microsoft.ApiManagement/service/read',
    'Microsoft.ApiManagement/service/write',
    // ApiManagementService_Update is long-running: the SDK polls {service}/operationresults/{id}.
    'Microsoft.ApiManagement/service/operationresults/read',
  ],
  // Blast radius: one write changes the TLS floor of every API on the gateway, for every client and
  // every backend at once, and rolls out for 15-45 minutes or more (the Developer tier is down meanwhile).
  defaultMode: 'report',
  doc: {
    why: 'While Tls10, Tls11 or Ssl30 are not "false", the gateway accepts client connections on those protocols and may negotiate them with backends, so subscription keys, tokens and API payloads can cross the network over protocols with known weaknesses. A setting that is absent counts as on for services created on or before 1 April 2018 (the spec\'s default) and as off for later ones.',
    fix: 'PATCH the service (ApiManagementService_Update, api-version 2024-05-01, @azure/arm-apimanagement 10.0.0) setting each of those six customProperties keys that is still on to "false". The spec says a PATCH that omits customProperties keys resets them to their defaults, so the map is read again just before the write and sent whole, with only those keys changed (ciphers, HTTP/2 and any other key keep their values); the spec declares no If-Match for this PATCH, so the moment between that read and the write is not guarded. The update is long-running and the writer waits for it. Report by default: the blast radius is the whole gateway (see side effects); enable enforce per deployment once the clients and backends are known to speak TLS 1.2. Undo is refused for this control: the engine\'s before/after paths cannot address keys that contain dots.',
    sideEffects: 'Every API on the gateway stops accepting clients that only speak TLS 1.0/1.1 (old Android and Java 7 clients, .NET Framework without SchUseStrongCrypto, embedded devices), and the gateway stops calling backends that only speak TLS 1.0/1.1 — those APIs fail with 5xx until the backend is upgraded. Microsoft says such changes take 15 to 45 minutes or longer to apply and a Developer-tier instance has downtime meanwhile.',
    exemptWhen: 'A gateway that must still serve a named legacy client population or call a named legacy backend during a dated migration; consider moving those APIs to a separate instance instead.',
  },
  evaluate,
  fix,
  fixPaths: GATEWAY_PROTOCOL_SETTINGS.map((setting) => `${CUSTOM_PROPERTIES}.${setting}`),
});
