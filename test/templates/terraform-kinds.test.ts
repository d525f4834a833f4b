import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import type { JsonObject } from '../../src/core/json';
import type { TemplateCheckResult } from '../../src/templates/check-template';
import { checkTerraformPlan, mappedTerraformTypes } from '../../src/templates/terraform-plan';

const NOW = new Date('2026-08-20T10:00:00Z');
const PROVIDER = 'registry.terraform.io/hashicorp/azurerm';

interface Change { address: string; after: JsonObject; unknown?: JsonObject }

/** A `terraform show -json` plan (format_version 1.2) creating these resources. */
function plan(changes: Change[]): JsonObject {
  const type = (c: Change): string => c.address.split('.')[0] as string;
  const name = (c: Change): string => c.address.split('.')[1] as string;
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources: changes.map((c) => ({ address: c.address, mode: 'managed', type: type(c), name: name(c), provider_name: PROVIDER, schema_version: 0, values: c.after, sensitive_values: {} })) } },
    resource_changes: changes.map((c) => ({
      address: c.address, mode: 'managed', type: type(c), name: name(c), provider_name: PROVIDER,
      change: { actions: ['create'], before: null, after: c.after, after_unknown: c.unknown ?? {}, before_sensitive: false, after_sensitive: {} },
    })),
  };
}

const find = (results: TemplateCheckResult[], control: string, address: string): TemplateCheckResult | undefined =>
  results.find((r) => r.control === control && r.template.path === address);

/** Per kind: the azurerm type, its TLS attribute, the control, a passing and a failing provider value, and the ARM value a failure reports. */
const KINDS = [
  { type: 'azurerm_cosmosdb_account', attribute: 'minimal_tls_version', control: 'cosmosdb-min-tls', pass: 'Tls12', fail: 'Tls11', docs: 'cosmosdb_account.html.markdown', default: 'Tls12' },
  { type: 'azurerm_eventhub_namespace', attribute: 'minimum_tls_version', control: 'eventhub-min-tls', pass: '1.2', fail: '1.0', docs: 'eventhub_namespace.html.markdown', default: '1.2' },
  { type: 'azurerm_servicebus_namespace', attribute: 'minimum_tls_version', control: 'servicebus-min-tls', pass: '1.2', fail: '1.1', docs: 'servicebus_namespace.html.markdown', default: '1.2' },
  { type: 'azurerm_mssql_managed_instance', attribute: 'minimum_tls_version', control: 'sqlmi-min-tls', pass: '1.2', fail: '1.0', docs: 'mssql_managed_instance.html.markdown', default: '1.2' },
  { type: 'azurerm_redis_enterprise_cluster', attribute: 'minimum_tls_version', control: 'redisenterprise-min-tls', pass: '1.2', fail: '1.1', docs: 'redis_enterprise_cluster.html.markdown', default: '1.2' },
] as const;

describe('checkTerraformPlan: the minimum-TLS mappings of further kinds', () => {
  it('maps the azurerm types', () => {
    expect(mappedTerraformTypes()).toEqual(expect.arrayContaining(KINDS.map((k) => k.type)));
  });

  for (const k of KINDS) {
    describe(k.type, () => {
      const { results } = checkTerraformPlan(plan([
        { address: `${k.type}.good`, after: { name: 'good', resource_group_name: 'rg', [k.attribute]: k.pass } },
        { address: `${k.type}.weak`, after: { name: 'weak', resource_group_name: 'rg', [k.attribute]: k.fail } },
        { address: `${k.type}.unset`, after: { name: 'unset', resource_group_name: 'rg', [k.attribute]: null } },
        { address: `${k.type}.later`, after: { name: 'later', resource_group_name: 'rg' }, unknown: { [k.attribute]: true } },
      ]), catalog, NOW);

      it(`passes ${k.attribute} = "${k.pass}"`, () => {
        expect(find(results, k.control, `${k.type}.good`)?.status).toBe('pass');
      });

      it(`fails ${k.attribute} = "${k.fail}", reporting the ARM value`, () => {
        expect(find(results, k.control, `${k.type}.weak`)).toMatchObject({ status: 'fail', actual: k.fail });
      });

      it(`applies the documented default "${k.default}" to an unset ${k.attribute}, naming the docs file`, () => {
        expect(find(results, k.control, `${k.type}.unset`)).toMatchObject({ status: 'pass', reason: expect.stringContaining(`default "${k.default}" was applied (${k.docs}`) });
      });

      it(`says unknown for ${k.attribute} known only after apply`, () => {
        expect(find(results, k.control, `${k.type}.later`)).toMatchObject({ status: 'unknown', reason: expect.stringContaining(`${k.type}.later.${k.attribute} known only after apply`) });
      });
    });
  }
});

describe('checkTerraformPlan: azurerm_iothub min_tls_version (docs state no default)', () => {
  const { results } = checkTerraformPlan(plan([
    { address: 'azurerm_iothub.good', after: { name: 'good', resource_group_name: 'rg', min_tls_version: '1.2' } },
    { address: 'azurerm_iothub.weak', after: { name: 'weak', resource_group_name: 'rg', min_tls_version: '1.0' } },
    { address: 'azurerm_iothub.unset', after: { name: 'unset', resource_group_name: 'rg', min_tls_version: null } },
    { address: 'azurerm_iothub.later', after: { name: 'later', resource_group_name: 'rg' }, unknown: { min_tls_version: true } },
  ]), catalog, NOW);

  it('passes "1.2" and fails anything else', () => {
    expect(find(results, 'iothub-min-tls', 'azurerm_iothub.good')?.status).toBe('pass');
    expect(find(results, 'iothub-min-tls', 'azurerm_iothub.weak')).toMatchObject({ status: 'fail', actual: '1.0' });
  });

  it('says unknown for an unset min_tls_version, as the docs state no default, and for one known only after apply', () => {
    expect(find(results, 'iothub-min-tls', 'azurerm_iothub.unset')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('iothub.html.markdown) state no default') });
    expect(find(results, 'iothub-min-tls', 'azurerm_iothub.later')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('azurerm_iothub.later.min_tls_version known only after apply') });
  });
});

describe('checkTerraformPlan: azurerm_container_app ingress.allow_insecure_connections', () => {
  const app = (ingress: JsonObject[]): JsonObject => ({ name: 'ca', resource_group_name: 'rg', ingress });
  const { results } = checkTerraformPlan(plan([
    { address: 'azurerm_container_app.secure', after: app([{ target_port: 8080, external_enabled: true, allow_insecure_connections: false }]) },
    { address: 'azurerm_container_app.insecure', after: app([{ target_port: 8080, external_enabled: true, allow_insecure_connections: true }]) },
    { address: 'azurerm_container_app.unset', after: app([{ target_port: 8080, allow_insecure_connections: null }]) },
    { address: 'azurerm_container_app.worker', after: app([]) },
    { address: 'azurerm_container_app.later', after: app([{ target_port: 8080 }]), unknown: { ingress: [{ allow_insecure_connections: true }] } },
  ]), catalog, NOW);
  const status = (name: string): string | undefined => find(results, 'containerapp-https-only', `azurerm_container_app.${name}`)?.status;

  it('passes false, and an unset flag in an ingress block (ARM\'s absent flag is false)', () => {
    expect(status('secure')).toBe('pass');
    expect(status('unset')).toBe('pass');
  });

  it('fails true', () => {
    expect(find(results, 'containerapp-https-only', 'azurerm_container_app.insecure')).toMatchObject({ status: 'fail', actual: true });
  });

  it('gives no result without an ingress block (not applicable: no HTTP endpoint), and unknown for a flag known only after apply', () => {
    expect(status('worker')).toBeUndefined();
    expect(results.some((r) => r.template.path === 'azurerm_container_app.worker')).toBe(false);
    expect(find(results, 'containerapp-https-only', 'azurerm_container_app.later')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('azurerm_container_app.later.ingress.allow_insecure_connections known only after apply') });
  });
});

describe('checkTerraformPlan: azurerm_cdn_frontdoor_custom_domain tls', () => {
  const PROFILE = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-edge/providers/Microsoft.Cdn/profiles/afd';
  const domain = (name: string, tls: JsonObject[]): JsonObject => ({ name, cdn_frontdoor_profile_id: PROFILE, host_name: `${name}.contoso.com`, tls });
  const { results } = checkTerraformPlan(plan([
    { address: 'azurerm_cdn_frontdoor_custom_domain.modern', after: domain('modern', [{ certificate_type: 'ManagedCertificate', minimum_version: 'TLS12' }]) },
    { address: 'azurerm_cdn_frontdoor_custom_domain.legacy', after: domain('legacy', [{ certificate_type: 'CustomerCertificate', minimum_tls_version: 'TLS10' }]) },
    { address: 'azurerm_cdn_frontdoor_custom_domain.unset', after: domain('unset', [{ certificate_type: 'ManagedCertificate', minimum_version: null }]) },
    { address: 'azurerm_cdn_frontdoor_custom_domain.later', after: domain('later', [{ certificate_type: 'ManagedCertificate' }]), unknown: { tls: [{ minimum_version: true }] } },
    { address: 'azurerm_cdn_frontdoor_custom_domain.bare', after: domain('bare', []) },
  ]), catalog, NOW);
  const at = (name: string): TemplateCheckResult | undefined => find(results, 'frontdoor-min-tls', `azurerm_cdn_frontdoor_custom_domain.${name}`);

  it('passes TLS12 under the profile its cdn_frontdoor_profile_id names', () => {
    expect(at('modern')).toMatchObject({ status: 'pass', resourceId: expect.stringMatching(/\/resourceGroups\/rg-edge\/providers\/Microsoft\.Cdn\/profiles\/afd\/customDomains\/modern$/) });
  });

  it('fails TLS10, read from the 4.x attribute tls.minimum_tls_version', () => {
    expect(at('legacy')).toMatchObject({ status: 'fail', actual: 'TLS10' });
  });

  it('applies the documented default TLS12 to an unset minimum_version, and says unknown for one known only after apply', () => {
    expect(at('unset')).toMatchObject({ status: 'pass', reason: expect.stringContaining('default "TLS12" was applied (cdn_frontdoor_custom_domain.html.markdown') });
    expect(at('later')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('azurerm_cdn_frontdoor_custom_domain.later.tls.minimum_version known only after apply') });
  });

  it('gives no result for a domain without a tls block (no certificate type: not applicable)', () => {
    expect(at('bare')).toBeUndefined();
  });
});

describe('checkTerraformPlan: azurerm_api_management_api protocols', () => {
  const api = (name: string, protocols: string[] | null): JsonObject => ({ name, api_management_name: 'apim-prod', resource_group_name: 'rg-api', revision: '1', path: name, protocols });
  const { results } = checkTerraformPlan(plan([
    { address: 'azurerm_api_management_api.secure', after: api('secure', ['https']) },
    { address: 'azurerm_api_management_api.mixed', after: api('mixed', ['http', 'https']) },
    { address: 'azurerm_api_management_api.unset', after: api('unset', null) },
    { address: 'azurerm_api_management_api.later', after: { name: 'later', api_management_name: 'apim-prod', resource_group_name: 'rg-api', revision: '1' }, unknown: { protocols: true } },
  ]), catalog, NOW);
  const at = (name: string): TemplateCheckResult | undefined => find(results, 'apim-api-https-only', `azurerm_api_management_api.${name}`);

  it('passes https only, as an API of the service its api_management_name names', () => {
    expect(at('secure')).toMatchObject({ status: 'pass', resourceId: expect.stringMatching(/\/resourceGroups\/rg-api\/providers\/Microsoft\.ApiManagement\/service\/apim-prod\/apis\/secure$/) });
  });

  it('fails http, reporting the protocols as planned', () => {
    expect(at('mixed')).toMatchObject({ status: 'fail', actual: ['http', 'https'] });
  });

  it('passes unset protocols (the control passes an API without them), and says unknown for protocols known only after apply', () => {
    expect(at('unset')?.status).toBe('pass');
    expect(at('later')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('azurerm_api_management_api.later.protocols known only after apply') });
  });
});

describe('checkTerraformPlan: azurerm_cdn_endpoint is_http_allowed', () => {
  const endpoint = (name: string, isHttpAllowed: boolean | null): JsonObject => ({ name, profile_name: 'cdn-classic', resource_group_name: 'rg-cdn', is_http_allowed: isHttpAllowed, is_https_allowed: true });
  const { results } = checkTerraformPlan(plan([
    { address: 'azurerm_cdn_endpoint.https', after: endpoint('https', false) },
    { address: 'azurerm_cdn_endpoint.http', after: endpoint('http', true) },
    { address: 'azurerm_cdn_endpoint.unset', after: endpoint('unset', null) },
    { address: 'azurerm_cdn_endpoint.later', after: { name: 'later', profile_name: 'cdn-classic', resource_group_name: 'rg-cdn' }, unknown: { is_http_allowed: true } },
  ]), catalog, NOW);
  const at = (name: string): TemplateCheckResult | undefined => find(results, 'cdn-endpoint-https-only', `azurerm_cdn_endpoint.${name}`);

  it('passes false, as an endpoint of the profile its profile_name names', () => {
    expect(at('https')).toMatchObject({ status: 'pass', resourceId: expect.stringMatching(/\/resourceGroups\/rg-cdn\/providers\/Microsoft\.Cdn\/profiles\/cdn-classic\/endpoints\/https$/) });
  });

  it('fails true, and an unset one by the documented default true, saying so', () => {
    expect(at('http')).toMatchObject({ status: 'fail', actual: true });
    expect(at('unset')).toMatchObject({ status: 'fail', reason: expect.stringContaining('default true was applied (cdn_endpoint.html.markdown') });
  });

  it('says unknown for is_http_allowed known only after apply', () => {
    expect(at('later')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('azurerm_cdn_endpoint.later.is_http_allowed known only after apply') });
  });
});

describe('checkTerraformPlan: azurerm_storage_account share_properties.smb (the fileServices/default document)', () => {
  const account = (name: string, smb: JsonObject[] | null): JsonObject => ({ name, resource_group_name: 'rg-files', https_traffic_only_enabled: true, min_tls_version: 'TLS1_2', share_properties: smb === null ? [] : [{ smb }] });
  const { results } = checkTerraformPlan(plan([
    { address: 'azurerm_storage_account.strict', after: account('strict', [{ versions: ['SMB3.1.1'], channel_encryption_type: ['AES-128-GCM', 'AES-256-GCM'] }]) },
    { address: 'azurerm_storage_account.old', after: account('old', [{ versions: ['SMB3.0', 'SMB3.1.1'], channel_encryption_type: ['AES-256-GCM'] }]) },
    { address: 'azurerm_storage_account.ccm', after: account('ccm', [{ versions: ['SMB3.1.1'], channel_encryption_type: ['AES-128-CCM', 'AES-256-GCM'] }]) },
    { address: 'azurerm_storage_account.unset', after: account('unset', null) },
    { address: 'azurerm_storage_account.later', after: account('later', [{ channel_encryption_type: ['AES-256-GCM'] }]), unknown: { share_properties: [{ smb: [{ versions: true }] }] } },
  ]), catalog, NOW);
  const at = (name: string): TemplateCheckResult | undefined => find(results, 'storage-smb-secure', `azurerm_storage_account.${name}`);

  it('passes SMB3.1.1 with GCM only, judged as the account\'s fileServices/default', () => {
    expect(at('strict')).toMatchObject({ status: 'pass', resourceId: expect.stringMatching(/\/storageAccounts\/strict\/fileServices\/default$/) });
  });

  it('fails an older version or a CCM cipher, reporting the ";"-joined ARM string', () => {
    expect(at('old')).toMatchObject({ status: 'fail', actual: 'SMB3.0;SMB3.1.1' });
    expect(at('ccm')).toMatchObject({ status: 'fail', actual: 'AES-128-CCM;AES-256-GCM' });
  });

  it('says unknown where the sets are unset (the docs state no default) or known only after apply', () => {
    expect(at('unset')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('storage_account.html.markdown) state no default') });
    expect(at('later')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('azurerm_storage_account.later.share_properties.smb.versions known only after apply') });
  });
});
