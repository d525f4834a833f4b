import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import type { JsonObject } from '../../src/core/json';
import { checkTerraformPlan, isTerraformPlan, mappedTerraformTypes } from '../../src/templates/terraform-plan';
import type { TemplateCheckResult } from '../../src/templates/check-template';

const NOW = new Date('2026-08-20T10:00:00Z');
const FIXTURE = path.resolve(__dirname, '../fixtures/templates/terraform/plan.json');
const fixture = (): JsonObject => JSON.parse(readFileSync(FIXTURE, 'utf8')) as JsonObject;
const PROVIDER = 'registry.terraform.io/hashicorp/azurerm';

interface Change { address: string; type: string; actions?: string[]; after: JsonObject | null; unknown?: JsonObject; module?: string }

/** A plan in Terraform's JSON output format (format_version 1.2) with these resource changes. */
function plan(changes: Change[], configuration?: JsonObject): JsonObject {
  const managed = changes.filter((c) => c.after !== null);
  const resource = (c: Change): JsonObject => ({ address: c.address, mode: 'managed', type: c.type, name: c.address.split('.').pop() as string, provider_name: PROVIDER, schema_version: 0, values: c.after as JsonObject, sensitive_values: {} });
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources: managed.filter((c) => !c.module).map(resource), child_modules: [...new Set(managed.filter((c) => c.module).map((c) => c.module as string))].map((address) => ({ address, resources: managed.filter((c) => c.module === address).map(resource) })) } },
    resource_changes: changes.map((c) => ({
      address: c.address, ...(c.module ? { module_address: c.module } : {}), mode: 'managed', type: c.type, name: c.address.split('.').pop() as string, provider_name: PROVIDER,
      change: { actions: c.actions ?? ['create'], before: null, after: c.after, after_unknown: c.unknown ?? {}, before_sensitive: false, after_sensitive: {} },
    })),
    ...(configuration ? { configuration } : {}),
  };
}

const find = (results: TemplateCheckResult[], control: string, address?: string): TemplateCheckResult | undefined =>
  results.find((r) => r.control === control && (address === undefined || r.template.path === address));

const webApp = (values: JsonObject): JsonObject => ({ name: 'app-web', resource_group_name: 'rg', https_only: true, client_certificate_enabled: true, client_certificate_mode: 'Required', site_config: [{ minimum_tls_version: '1.2', scm_minimum_tls_version: '1.2', ftps_state: 'Disabled' }], auth_settings_v2: [], ...values });

describe('isTerraformPlan', () => {
  it('knows a plan by format_version with planned_values or resource_changes, and nothing else', () => {
    expect(isTerraformPlan(fixture())).toBe(true);
    expect(isTerraformPlan({ format_version: '1.2', resource_changes: [] })).toBe(true);
    expect(isTerraformPlan({ format_version: '1.2', values: { root_module: {} } })).toBe(false); // `terraform show -json` of a state
    expect(isTerraformPlan({ contentVersion: '1.0.0.0', resources: [] })).toBe(false);
    expect(isTerraformPlan([{ format_version: '1.2', planned_values: {} }])).toBe(false);
  });

  it('maps the azurerm types the brief names', () => {
    expect(mappedTerraformTypes()).toEqual(expect.arrayContaining([
      'azurerm_storage_account', 'azurerm_redis_cache', 'azurerm_mssql_server', 'azurerm_mysql_flexible_server_configuration', 'azurerm_postgresql_flexible_server_configuration',
      ...['linux_web_app', 'windows_web_app', 'linux_function_app', 'windows_function_app'].flatMap((t) => [`azurerm_${t}`, `azurerm_${t}_slot`]),
    ]));
  });
});

describe('checkTerraformPlan on a plan with a child module', () => {
  const { results, notes } = checkTerraformPlan(fixture(), catalog, NOW);

  it('passes and fails on the planned values, each result named by its address', () => {
    expect(find(results, 'storage-min-tls', 'azurerm_storage_account.logs')?.status).toBe('pass');
    expect(find(results, 'storage-min-tls', 'azurerm_storage_account.legacy')).toMatchObject({ status: 'fail', actual: 'TLS1_0', resourceId: expect.stringMatching(/\/resourceGroups\/rg-app\/providers\/Microsoft\.Storage\/storageAccounts\/stlegacy$/) });
    expect(find(results, 'appservice-https-only', 'module.web.azurerm_linux_web_app.app')).toMatchObject({ status: 'fail', actual: false });
    expect(find(results, 'appservice-ftps-only', 'module.web.azurerm_linux_web_app.app')?.status).toBe('pass');
  });

  it('says unknown for a value known only after apply, never pass', () => {
    expect(find(results, 'redis-min-tls')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('azurerm_redis_cache.cache.minimum_tls_version known only after apply') });
    expect(find(results, 'redis-ssl-only')?.status).toBe('pass');
  });

  it('applies the provider\'s documented default to an unset attribute and says so, with the docs file', () => {
    expect(find(results, 'sql-min-tls')).toMatchObject({ status: 'pass', reason: expect.stringMatching(/minimum_tls_version unset: the azurerm provider's default "1\.2" was applied \(mssql_server\.html\.markdown/) });
    expect(find(results, 'appservice-scm-min-tls')).toMatchObject({ status: 'pass', reason: expect.stringContaining('linux_web_app.html.markdown') });
  });

  it('does not judge what the plan destroys, and says so', () => {
    expect(results.some((r) => r.template.path === 'azurerm_storage_account.old')).toBe(false);
    expect(notes).toEqual(['not judged, as the plan destroys them: azurerm_storage_account.old']);
  });

  it('places a server parameter under the server its configuration refers to, and says unknown for a parameter the plan does not set', () => {
    expect(find(results, 'mysql-flexible-require-ssl')).toMatchObject({ status: 'fail', actual: 'OFF', resourceId: expect.stringMatching(/flexibleServers\/mysql-app$/), template: { path: 'azurerm_mysql_flexible_server_configuration.tls' } });
    expect(find(results, 'mysql-flexible-min-tls')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('no azurerm_mysql_flexible_server_configuration named tls_version') });
  });

  it('says unknown where a block the document comes from is not in the plan', () => {
    expect(find(results, 'appservice-auth-require-https')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('no auth_settings_v2 block') });
  });
});

describe('checkTerraformPlan: attributes and defaults', () => {
  it('fails on a default that does not pass, saying it was applied', () => {
    const { results } = checkTerraformPlan(plan([{ address: 'azurerm_linux_web_app.a', type: 'azurerm_linux_web_app', after: webApp({ https_only: null }) }]), catalog, NOW);
    expect(find(results, 'appservice-https-only')).toMatchObject({ status: 'fail', reason: expect.stringContaining('the azurerm provider\'s default false was applied (linux_web_app.html.markdown') });
  });

  it('says unknown for an unset attribute whose docs state no default, or a default for new resources on an update', () => {
    const { results } = checkTerraformPlan(plan([
      { address: 'azurerm_linux_web_app.a', type: 'azurerm_linux_web_app', after: webApp({ client_certificate_enabled: null }) },
      { address: 'azurerm_storage_account.s', type: 'azurerm_storage_account', actions: ['update'], after: { name: 's', https_traffic_only_enabled: true, min_tls_version: null } },
      { address: 'azurerm_storage_account.n', type: 'azurerm_storage_account', after: { name: 'n', https_traffic_only_enabled: true, min_tls_version: null } },
      { address: 'azurerm_redis_cache.r', type: 'azurerm_redis_cache', after: { name: 'r', non_ssl_port_enabled: null, minimum_tls_version: null } },
    ]), catalog, NOW);
    expect(find(results, 'appservice-client-cert')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('linux_web_app.html.markdown) state no default') });
    expect(find(results, 'storage-min-tls', 'azurerm_storage_account.s')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('for new resources only') });
    expect(find(results, 'storage-min-tls', 'azurerm_storage_account.n')?.status).toBe('pass');
    expect(find(results, 'redis-min-tls')).toMatchObject({ status: 'unknown', reason: expect.stringContaining('4.x') });
    expect(find(results, 'redis-ssl-only')?.status).toBe('pass');
  });

  it('reads former attribute names and translates values the provider spells its own way', () => {
    const { results } = checkTerraformPlan(plan([
      { address: 'azurerm_storage_account.old', type: 'azurerm_storage_account', after: { name: 'old', enable_https_traffic_only: false, min_tls_version: 'TLS1_2' } },
      { address: 'azurerm_mssql_server.s', type: 'azurerm_mssql_server', after: { name: 's', minimum_tls_version: 'Disabled' } },
    ]), catalog, NOW);
    expect(find(results, 'storage-https-only')).toMatchObject({ status: 'fail', actual: false });
    expect(find(results, 'sql-min-tls')).toMatchObject({ status: 'fail', actual: 'None' });
  });

  it('judges a slot under the site its id names, with the function apps\' default client certificate mode', () => {
    const { results } = checkTerraformPlan(plan([{
      address: 'azurerm_linux_function_app_slot.staging', type: 'azurerm_linux_function_app_slot',
      after: webApp({ name: 'staging', function_app_id: '/subscriptions/1111/resourceGroups/rg-fn/providers/Microsoft.Web/sites/fn-app', client_certificate_mode: null }),
    }]), catalog, NOW);
    expect(find(results, 'appservice-client-cert')).toMatchObject({ status: 'fail', resourceId: expect.stringMatching(/resourceGroups\/rg-fn\/providers\/Microsoft\.Web\/sites\/fn-app\/slots\/staging$/), reason: expect.stringContaining('"Optional" was applied') });
  });

  it('reads a whole block known only after apply as unknown', () => {
    const { results } = checkTerraformPlan(plan([{ address: 'azurerm_windows_web_app.w', type: 'azurerm_windows_web_app', after: webApp({ site_config: [] }), unknown: { site_config: true } }]), catalog, NOW);
    for (const control of ['appservice-min-tls', 'appservice-scm-min-tls', 'appservice-ftps-only']) expect(find(results, control)?.status).toBe('unknown');
    expect(find(results, 'appservice-https-only')?.status).toBe('pass');
  });

  it('judges config/authsettingsV2 from an auth_settings_v2 block', () => {
    const { results } = checkTerraformPlan(plan([
      { address: 'azurerm_linux_web_app.off', type: 'azurerm_linux_web_app', after: webApp({ name: 'off', auth_settings_v2: [{ auth_enabled: true, require_https: false }] }) },
      { address: 'azurerm_linux_web_app.on', type: 'azurerm_linux_web_app', after: webApp({ name: 'on', auth_settings_v2: [{ auth_enabled: true }] }) },
    ]), catalog, NOW);
    expect(find(results, 'appservice-auth-require-https', 'azurerm_linux_web_app.off')).toMatchObject({ status: 'fail', actual: false });
    expect(find(results, 'appservice-auth-require-https', 'azurerm_linux_web_app.on')?.status).toBe('pass');
  });

  it('with planned values alone, walks child modules and reads a left-out value as unknown', () => {
    const only = fixture();
    delete only.resource_changes;
    const { results } = checkTerraformPlan(only, catalog, NOW);
    expect(find(results, 'appservice-https-only', 'module.web.azurerm_linux_web_app.app')?.status).toBe('fail');
    // planned_values leave minimum_tls_version out of the cache: known only after apply.
    expect(find(results, 'redis-min-tls')?.status).toBe('unknown');
    expect(find(results, 'storage-min-tls', 'azurerm_storage_account.logs')?.status).toBe('pass');
  });

  it('places a PostgreSQL parameter by a known server_id, and leaves one it cannot place unjudged with a note', () => {
    const { results, notes } = checkTerraformPlan(plan([
      { address: 'azurerm_postgresql_flexible_server.pg', type: 'azurerm_postgresql_flexible_server', after: { name: 'pg', resource_group_name: 'rg' } },
      { address: 'azurerm_postgresql_flexible_server_configuration.ssl', type: 'azurerm_postgresql_flexible_server_configuration', after: { name: 'require_secure_transport', server_id: '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg', value: 'on' } },
      { address: 'azurerm_postgresql_flexible_server_configuration.lost', type: 'azurerm_postgresql_flexible_server_configuration', after: { name: 'ssl_min_protocol_version', value: 'TLSv1' }, unknown: { server_id: true } },
    ]), catalog, NOW);
    expect(find(results, 'postgresql-flexible-require-ssl')).toMatchObject({ status: 'pass', resourceId: expect.stringMatching(/flexibleServers\/pg$/) });
    expect(find(results, 'postgresql-flexible-min-tls')?.status).toBe('unknown');
    expect(notes).toEqual([expect.stringContaining('azurerm_postgresql_flexible_server_configuration.lost: which azurerm_postgresql_flexible_server it belongs to is not known')]);
  });

  it('refuses a malformed plan with INVALID_INPUT', () => {
    expect(() => checkTerraformPlan({ format_version: '1.2', resource_changes: {} }, catalog, NOW)).toThrow(/"resource_changes" is not an array/);
    expect(() => checkTerraformPlan({ format_version: '1.2', resource_changes: [{ address: 'a.b' }] }, catalog, NOW)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
