/** What the Application Gateway control shares with its tests and adapter. */
export const APPLICATION_GATEWAY_TYPE = 'Microsoft.Network/applicationGateways';
export const APPLICATION_GATEWAY_READ = 'Microsoft.Network/applicationGateways/read';

/**
 * The lowest protocol each predefined policy enables. 20150501, 20170401 and 20170401S are as the
 * spec's own ApplicationGatewayAvailableSslOptionsPredefinedPoliciesGet.json (2025-01-01) lists them
 * (TLSv1_0, TLSv1_1, TLSv1_2); that example has no 2022 policies, whose floor (TLS 1.2, with 1.3
 * enabled) is from Microsoft's "Application Gateway TLS policy overview".
 */
export const PREDEFINED_FLOOR: Readonly<Record<string, string>> = {
  AppGwSslPolicy20150501: 'TLSv1_0',
  AppGwSslPolicy20170401: 'TLSv1_1',
  AppGwSslPolicy20170401S: 'TLSv1_2',
  AppGwSslPolicy20220101: 'TLSv1_2',
  AppGwSslPolicy20220101S: 'TLSv1_2',
};

/** Protocol floors that allow nothing below TLS 1.2. */
export const ACCEPTED_FLOORS: readonly string[] = ['TLSv1_2', 'TLSv1_3'];
