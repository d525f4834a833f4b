/**
 * What the Synapse controls share. The TLS floor of a workspace's dedicated SQL pools is not on the
 * workspace but on its child `dedicatedSQLminimalTlsSettings/default` (the only name the spec allows).
 */
export const SYNAPSE_WORKSPACE_TYPE = 'Microsoft.Synapse/workspaces';
export const MINIMAL_TLS_TARGET = 'dedicatedSQLminimalTlsSettings/default';
export const SYNAPSE_PERMISSIONS = [
  'Microsoft.Synapse/workspaces/read',
  'Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings/read',
  'Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings/write',
] as const;
