import { defineControl, fail, pass, readPath, SELF, type ArmObject, type Json, type JsonObject, type Verdict } from '../../controls/types';
import { ACCEPTED_FLOORS, APPLICATION_GATEWAY_READ, APPLICATION_GATEWAY_TYPE, PREDEFINED_FLOOR } from './shared';

const EXPECTED = 'TLSv1_2';

const isObject = (value: Json | undefined): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const show = (value: Json | undefined): string => (value === undefined ? 'absent' : JSON.stringify(value));

/** Why one ApplicationGatewaySslPolicy allows something below TLS 1.2, or undefined when it does not. */
function weakness(policy: JsonObject): string | undefined {
  const type = policy.policyType;
  const name = policy.policyName;
  if (type === 'Predefined' || ((type === undefined || type === null) && name !== undefined && name !== null)) {
    const floor = typeof name === 'string' ? PREDEFINED_FLOOR[name] : undefined;
    if (floor === undefined) return `predefined policy ${show(name)} is not one whose floor is known (the 2025-01-01 enum)`;
    return ACCEPTED_FLOORS.includes(floor) ? undefined : `predefined policy ${name as string} allows ${floor}`;
  }
  if (type === 'Custom' || type === 'CustomV2') {
    const min = policy.minProtocolVersion;
    return typeof min === 'string' && ACCEPTED_FLOORS.includes(min) ? undefined : `${type} policy has minProtocolVersion ${show(min)}`;
  }
  if (type === undefined || type === null) {
    // The pre-2017 shape: no policyType, only the protocols to switch off. SSL 2.0/3.0 are always off,
    // so with TLSv1_0 and TLSv1_1 disabled nothing below TLS 1.2 remains.
    const disabled = Array.isArray(policy.disabledSslProtocols) ? policy.disabledSslProtocols : [];
    if (disabled.includes('TLSv1_0') && disabled.includes('TLSv1_1')) return undefined;
    return `policy has no policyType and disabledSslProtocols ${show(policy.disabledSslProtocols)} leaves TLS 1.0/1.1 on`;
  }
  return `policyType ${show(type)} is not in the spec's enum (Predefined, Custom, CustomV2)`;
}

/** An sslPolicy that states nothing (`{}`, or only an empty disabledSslProtocols): the gateway default applies. */
function statesNothing(policy: JsonObject): boolean {
  const unset = (key: string): boolean => policy[key] === undefined || policy[key] === null;
  const disabled = policy.disabledSslProtocols;
  return unset('policyType') && unset('policyName') && (unset('disabledSslProtocols') || (Array.isArray(disabled) && disabled.length === 0));
}

function evaluate(gateway: ArmObject): Verdict {
  const policy = readPath(gateway, 'properties.sslPolicy');
  if (isObject(policy) && !statesNothing(policy)) {
    const why = weakness(policy);
    if (why !== undefined) return fail('properties.sslPolicy', policy, EXPECTED, `the gateway's sslPolicy allows TLS older than 1.2: ${why}`);
  } else {
    // No explicit policy: Azure applies the default of the api-version the gateway was created with
    // (AppGwSslPolicy20150501, TLS 1.0, before 2023-02-01; AppGwSslPolicy20220101 from 2023-02-01).
    // GET reports it in defaultPredefinedSslPolicy where the RP fills it in; otherwise it is unknown.
    const fallback = readPath(gateway, 'properties.defaultPredefinedSslPolicy');
    if (typeof fallback !== 'string') {
      return fail(
        'properties.sslPolicy',
        policy,
        EXPECTED,
        'the gateway has no sslPolicy and reports no defaultPredefinedSslPolicy: it runs the default of the api-version it was created with (AppGwSslPolicy20150501, TLS 1.0, before 2023-02-01), which cannot be told from ARM; set an explicit policy',
      );
    }
    const floor = PREDEFINED_FLOOR[fallback];
    if (floor === undefined || !ACCEPTED_FLOORS.includes(floor)) {
      return fail('properties.defaultPredefinedSslPolicy', fallback, EXPECTED, `the gateway has no sslPolicy and its default ${fallback} allows ${floor ?? 'an unknown floor'}`);
    }
  }
  const profiles = readPath(gateway, 'properties.sslProfiles');
  if (Array.isArray(profiles)) {
    for (const profile of profiles) {
      const profilePolicy = isObject(profile) ? readPath(profile, 'properties.sslPolicy') : undefined;
      // A profile without its own sslPolicy uses the gateway's, judged above.
      if (!isObject(profilePolicy)) continue;
      const why = weakness(profilePolicy);
      const name = isObject(profile) ? show(profile.name) : 'unnamed';
      if (why !== undefined) return fail('properties.sslProfiles', profiles, EXPECTED, `SSL profile ${name} (its listeners' policy) allows TLS older than 1.2: ${why}`);
    }
  }
  return pass();
}

export default defineControl({
  id: 'appgw-min-tls',
  title: 'Application Gateways accept nothing older than TLS 1.2 (report only)',
  summary: {
    resource: 'Application Gateways (gateway and SSL profile policies)',
    compliantWhen: 'SSL policy floor TLS 1.2+ (`AppGwSslPolicy20220101`/`20220101S`/`20170401S`, or Custom/CustomV2 `minProtocolVersion` TLSv1_2+)',
    fix: 'none: report (the only write is a full PUT of the gateway)',
  },
  // No Azure Policy built-in or Defender assessment for an Application Gateway's SSL policy was found
  // in Azure/azure-policy (only community definitions), so none is named.
  recommendations: [],
  resourceTypes: [APPLICATION_GATEWAY_TYPE],
  target: SELF,
  permissions: [APPLICATION_GATEWAY_READ],
  defaultMode: 'report',
  doc: {
    why: 'An Application Gateway terminates client TLS with the policy in properties.sslPolicy, and listeners bound to an SSL profile with that profile\'s sslPolicy. A floor of TLS 1.0 or 1.1 (AppGwSslPolicy20150501, AppGwSslPolicy20170401, or a Custom policy with minProtocolVersion TLSv1_0/TLSv1_1) lets clients negotiate protocols with known weaknesses that PCI DSS forbids. A gateway without an explicit policy runs the default of the api-version it was created with, which was AppGwSslPolicy20150501 (TLS 1.0) before 2023-02-01; ARM shows it only where it fills in defaultPredefinedSslPolicy, so such a gateway fails until a policy is set. Microsoft has announced the end of TLS 1.0/1.1 on Application Gateway (31 August 2025); a gateway that still names an old policy is changed on Microsoft\'s schedule, not its owner\'s.',
    fix: 'None: this control is report-only. The spec (Microsoft.Network 2025-01-01) has no PATCH for the SSL policy (ApplicationGateways_UpdateTags takes tags only); the only write is ApplicationGateways_CreateOrUpdate, a long-running PUT of the whole gateway (every listener, certificate reference, backend pool and rule), which transit-warden does not send. The owner sets properties.sslPolicy to {"policyType":"Predefined","policyName":"AppGwSslPolicy20220101"} (v2 SKUs; AppGwSslPolicy20170401S on v1) or a CustomV2 policy with minProtocolVersion TLSv1_2, and gives every SSL profile such a policy, through the template or pipeline that owns the gateway.',
    sideEffects: 'None: the control only reads. Raising the floor yourself refuses clients that cannot do TLS 1.2 (old Android/Java 7, Windows 7-era stacks, embedded devices). The 2022 policies and CustomV2 also change cipher suites and cannot be mixed with the older policies on one gateway, and a PUT of the gateway briefly updates every instance.',
    exemptWhen: 'Clients that only speak TLS 1.0/1.1 still reach this gateway and have a dated replacement plan, or the gateway is being retired; put the date in transit-warden-exempt-until.',
  },
  evaluate,
});
