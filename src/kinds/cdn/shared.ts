/** ARM types of the cdn kind, as the controls name them (ARM compares types case-insensitively). */
export const CUSTOM_DOMAIN_TYPE = 'Microsoft.Cdn/profiles/customDomains';
export const ENDPOINT_TYPE = 'Microsoft.Cdn/profiles/endpoints';

/** AfdMinimumTlsVersion values that refuse TLS 1.0/1.1: TLS12, and TLS13 which later api-versions add. */
export const MODERN_AFD_TLS: readonly string[] = ['TLS12', 'TLS13'];
