import { GATEWAY_PROTOCOL_SETTINGS } from './facts';

export const SERVICE_TYPE = 'Microsoft.ApiManagement/service';
export const CUSTOM_PROPERTIES = 'properties.customProperties';
export { GATEWAY_PROTOCOL_SETTINGS };

/**
 * The tier whose gateway takes no protocol settings: Microsoft's "Manage protocols and ciphers"
 * page says Consumption does not support changes to the default configuration.
 */
export const TIERS_WITHOUT_PROTOCOL_SETTINGS: readonly string[] = ['Consumption'];

/** The string customProperties uses for "off"; GET answers "false" or "False" (both in the 2024-05-01 examples). */
export const DISABLED = 'false';

/** An API of a service (Api_Get, apimapis.json 2024-05-01). */
export const API_TYPE = 'Microsoft.ApiManagement/service/apis';
export const PROTOCOLS = 'properties.protocols';
export const API_PERMISSIONS = ['Microsoft.ApiManagement/service/apis/read', 'Microsoft.ApiManagement/service/apis/write'] as const;
