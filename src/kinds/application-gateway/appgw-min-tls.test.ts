import { describe, expect, it } from 'vitest';
import control from './appgw-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { applicationGateway, applicationGatewayExample } from './fixtures';
import type { ArmObject, JsonObject } from '../../controls/types';

/** The spec example's gateway with its sslPolicy replaced whole (null/undefined: none at all). */
function gateway(sslPolicy: JsonObject | null | undefined, extra: JsonObject = {}): ArmObject {
  const document = applicationGateway();
  const properties = { ...(document.properties as JsonObject), ...extra };
  if (sslPolicy === undefined) delete properties.sslPolicy;
  else properties.sslPolicy = sslPolicy;
  return { ...document, properties };
}

const predefined = (policyName: string): JsonObject => ({ policyType: 'Predefined', policyName });
const custom = (policyType: string, minProtocolVersion: string | undefined): JsonObject => ({
  policyType,
  ...(minProtocolVersion === undefined ? {} : { minProtocolVersion }),
  cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
});
const profile = (name: string, sslPolicy?: JsonObject): JsonObject => ({
  name,
  id: `${String(applicationGateway().id)}/sslProfiles/${name}`,
  properties: { provisioningState: 'Succeeded', ...(sslPolicy ? { sslPolicy } : {}) },
});

controlCases(control, {
  pass: [
    { name: 'the policy is Predefined AppGwSslPolicy20220101', document: gateway(predefined('AppGwSslPolicy20220101')) },
    { name: 'the policy is Predefined AppGwSslPolicy20220101S', document: gateway(predefined('AppGwSslPolicy20220101S')) },
    { name: 'the policy is Predefined AppGwSslPolicy20170401S (TLS 1.2 floor, v1 SKUs)', document: gateway(predefined('AppGwSslPolicy20170401S')) },
    { name: 'the policy is CustomV2 with minProtocolVersion TLSv1_2', document: gateway(custom('CustomV2', 'TLSv1_2')) },
    { name: 'the policy is CustomV2 with minProtocolVersion TLSv1_3', document: gateway(custom('CustomV2', 'TLSv1_3')) },
    { name: 'the policy is Custom with minProtocolVersion TLSv1_2', document: gateway(custom('Custom', 'TLSv1_2')) },
    { name: 'the legacy shape disables TLSv1_0 and TLSv1_1', document: gateway({ disabledSslProtocols: ['TLSv1_0', 'TLSv1_1'] }) },
    {
      name: 'there is no sslPolicy but the gateway reports defaultPredefinedSslPolicy AppGwSslPolicy20220101',
      document: gateway(undefined, { defaultPredefinedSslPolicy: 'AppGwSslPolicy20220101' }),
    },
    {
      name: 'the sslPolicy states nothing and the gateway reports defaultPredefinedSslPolicy AppGwSslPolicy20220101S',
      document: gateway({ disabledSslProtocols: [] }, { defaultPredefinedSslPolicy: 'AppGwSslPolicy20220101S' }),
    },
    {
      name: 'every SSL profile has a TLS 1.2 policy, or none of its own',
      document: gateway(predefined('AppGwSslPolicy20220101'), { sslProfiles: [profile('p1', custom('CustomV2', 'TLSv1_3')), profile('p2')] }),
    },
  ],
  fail: [
    {
      name: 'the spec example has no sslPolicy, so the api-version default applies and cannot be told',
      document: applicationGatewayExample(),
      path: 'properties.sslPolicy',
    },
    { name: 'the policy is Predefined AppGwSslPolicy20150501 (TLS 1.0)', document: gateway(predefined('AppGwSslPolicy20150501')), path: 'properties.sslPolicy' },
    { name: 'the policy is Predefined AppGwSslPolicy20170401 (TLS 1.1)', document: gateway(predefined('AppGwSslPolicy20170401')) },
    { name: 'the policy names a predefined policy outside the enum', document: gateway(predefined('AppGwSslPolicy20990101')) },
    { name: 'the policy is Custom with minProtocolVersion TLSv1_1', document: gateway(custom('Custom', 'TLSv1_1')) },
    { name: 'the policy is CustomV2 without minProtocolVersion', document: gateway(custom('CustomV2', undefined)) },
    { name: 'the legacy shape disables only TLSv1_0', document: gateway({ disabledSslProtocols: ['TLSv1_0'] }) },
    { name: 'the sslPolicy is empty, so the default applies and the gateway reports none', document: gateway({}), path: 'properties.sslPolicy' },
    { name: 'the policyType is not in the enum', document: gateway({ policyType: 'Strict', minProtocolVersion: 'TLSv1_2' }) },
    {
      name: 'there is no sslPolicy and the reported default is AppGwSslPolicy20150501',
      document: gateway(undefined, { defaultPredefinedSslPolicy: 'AppGwSslPolicy20150501' }),
      path: 'properties.defaultPredefinedSslPolicy',
    },
    {
      // The SSL profile is the one in the spec's ApplicationGatewayGet.json (Custom, TLSv1_1).
      name: 'the gateway policy is strong but an SSL profile allows TLS 1.1',
      document: gateway(predefined('AppGwSslPolicy20220101'), {
        sslProfiles: [profile('p1', custom('CustomV2', 'TLSv1_2')), profile('sslProfile1', { policyType: 'Custom', minProtocolVersion: 'TLSv1_1', cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256'] })],
      }),
      path: 'properties.sslProfiles',
    },
  ],
});

describe('appgw-min-tls', () => {
  it('is report-only: no fix, and it asks only to read', () => {
    expect(control.defaultMode).toBe('report');
    expect(control.fix).toBeUndefined();
    expect(control.fixPaths).toBeUndefined();
    expect(control.permissions).toEqual(['Microsoft.Network/applicationGateways/read']);
  });

  it('names the failing SSL profile and what it allows', () => {
    const verdict = control.evaluate(
      gateway(predefined('AppGwSslPolicy20220101S'), { sslProfiles: [profile('legacy-clients', predefined('AppGwSslPolicy20150501'))] }),
      applicationGateway(),
    );
    expect(verdict.status === 'fail' ? verdict.reason : '').toMatch(/"legacy-clients".*AppGwSslPolicy20150501 allows TLSv1_0/);
  });

  it('says why a gateway without an explicit policy fails', () => {
    const verdict = control.evaluate(applicationGatewayExample(), applicationGatewayExample());
    expect(verdict.status === 'fail' ? verdict.reason : '').toMatch(/default of the api-version.*2023-02-01/);
  });

  it('says in its doc why it has no fix', () => {
    expect(control.doc.fix).toMatch(/ApplicationGateways_UpdateTags takes tags only/);
    expect(control.doc.fix).toMatch(/full gateway|whole gateway/);
  });
});
