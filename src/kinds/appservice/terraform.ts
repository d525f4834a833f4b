import type { AttributeMapping, TerraformMapping } from '../../templates/terraform-mapping';
import { AUTH_SETTINGS_TARGET, SITE_CONFIG_TARGET } from './shared';

/**
 * The azurerm web and function apps and their slots: all Microsoft.Web/sites[/slots], told apart by
 * `kind` (which the provider sets: `app,linux`, `functionapp,linux`, …). site_config's settings are
 * the config/web document; auth_settings_v2's require_https is config/authsettingsV2's
 * httpSettings.requireHttps. Defaults are the docs' (each docs file states the same ones for 4.x and
 * 5.0), quoted with their file; client_certificate_enabled states none, so an unset one is unknown.
 */
function attributes(docs: string, clientCertificateMode: 'Required' | 'Optional'): AttributeMapping[] {
  return [
    { attribute: 'https_only', target: 'self', property: 'properties.httpsOnly', default: { value: false, source: `${docs}: https_only "Defaults to \`false\`"` } },
    { attribute: 'client_certificate_enabled', target: 'self', property: 'properties.clientCertEnabled' },
    { attribute: 'client_certificate_mode', target: 'self', property: 'properties.clientCertMode', default: { value: clientCertificateMode, source: `${docs}: client_certificate_mode "Defaults to \`${clientCertificateMode}\`"` } },
    { attribute: 'site_config.minimum_tls_version', target: SITE_CONFIG_TARGET, property: 'properties.minTlsVersion', default: { value: '1.2', source: `${docs}: site_config.minimum_tls_version "Defaults to \`1.2\`"` } },
    { attribute: 'site_config.scm_minimum_tls_version', target: SITE_CONFIG_TARGET, property: 'properties.scmMinTlsVersion', default: { value: '1.2', source: `${docs}: site_config.scm_minimum_tls_version "Defaults to \`1.2\`"` } },
    { attribute: 'site_config.ftps_state', target: SITE_CONFIG_TARGET, property: 'properties.ftpsState', default: { value: 'Disabled', source: `${docs}: site_config.ftps_state "Defaults to \`Disabled\`"` } },
    {
      attribute: 'auth_settings_v2.require_https',
      target: AUTH_SETTINGS_TARGET,
      property: 'properties.httpSettings.requireHttps',
      onlyWithBlock: 'auth_settings_v2',
      default: { value: true, source: `${docs}: auth_settings_v2.require_https "Defaults to \`true\`"` },
    },
  ];
}

const APPS = [
  { resourceType: 'azurerm_linux_web_app', kind: 'app,linux', mode: 'Required' },
  { resourceType: 'azurerm_windows_web_app', kind: 'app', mode: 'Required' },
  { resourceType: 'azurerm_linux_function_app', kind: 'functionapp,linux', mode: 'Optional' },
  { resourceType: 'azurerm_windows_function_app', kind: 'functionapp', mode: 'Optional' },
] as const;

export const terraform: readonly TerraformMapping[] = APPS.flatMap(({ resourceType, kind, mode }) => {
  const docs = `${resourceType.replace(/^azurerm_/, '')}.html.markdown`;
  const slotDocs = `${resourceType.replace(/^azurerm_/, '')}_slot.html.markdown`;
  const site: TerraformMapping = { shape: 'resource', resourceType, armType: 'Microsoft.Web/sites', kind, docs, attributes: attributes(docs, mode) };
  const slot: TerraformMapping = {
    shape: 'resource',
    resourceType: `${resourceType}_slot`,
    armType: 'Microsoft.Web/sites/slots',
    kind,
    parentIdAttribute: resourceType.includes('function') ? 'function_app_id' : 'app_service_id',
    docs: slotDocs,
    attributes: attributes(slotDocs, mode),
  };
  return [site, slot];
});
