import type { TerraformMapping } from '../../templates/terraform-mapping';
import { CUSTOM_DOMAIN_TYPE, ENDPOINT_TYPE } from './shared';

const DOCS = 'cdn_frontdoor_custom_domain.html.markdown';
const ENDPOINT_DOCS = 'cdn_endpoint.html.markdown';

/**
 * azurerm_cdn_frontdoor_custom_domain, under the profile its cdn_frontdoor_profile_id names. The `tls`
 * block is ARM's tlsSettings: certificate_type is certificateType, and minimum_version (4.x:
 * minimum_tls_version) is minimumTlsVersion, both in ARM's spelling (`ManagedCertificate`, `TLS12`).
 * The control reads a domain without a certificateType as not applicable, so certificate_type is mapped
 * as written; its documented default (`ManagedCertificate`) is not applied to an absent one, as the
 * control does not fail on it. azurerm_cdn_endpoint (classic CDN), under the profile its `profile_name`
 * names: `is_http_allowed` is isHttpAllowed, with the docs' default `true`.
 */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_cdn_frontdoor_custom_domain',
    armType: CUSTOM_DOMAIN_TYPE,
    parentIdAttribute: 'cdn_frontdoor_profile_id',
    docs: DOCS,
    attributes: [
      { attribute: 'tls.certificate_type', target: 'self', property: 'properties.tlsSettings.certificateType' },
      {
        attribute: 'tls.minimum_version',
        formerly: ['tls.minimum_tls_version'],
        target: 'self',
        property: 'properties.tlsSettings.minimumTlsVersion',
        default: { value: 'TLS12', source: `${DOCS}: tls.minimum_version "Possible values include \`TLS12\`. Defaults to \`TLS12\`." (4.x, tls.minimum_tls_version: "Possible values include \`TLS10\` and \`TLS12\`. Defaults to \`TLS12\`.")` },
      },
    ],
  },
  {
    shape: 'resource',
    resourceType: 'azurerm_cdn_endpoint',
    armType: ENDPOINT_TYPE,
    parentNameAttribute: 'profile_name',
    docs: ENDPOINT_DOCS,
    attributes: [
      {
        attribute: 'is_http_allowed',
        target: 'self',
        property: 'properties.isHttpAllowed',
        default: { value: true, source: `${ENDPOINT_DOCS}: is_http_allowed "Defaults to \`true\`."` },
      },
    ],
  },
];
