import { defineKind, specIn } from '../facts';

const WORKSPACE_2021_06_01 = 'specification/synapse/resource-manager/Microsoft.Synapse/stable/2021-06-01/workspace.json';
const SQL_SERVER_2021_06_01 = 'specification/synapse/resource-manager/Microsoft.Synapse/stable/2021-06-01/sqlServer.json';
const workspaceSpec = specIn(WORKSPACE_2021_06_01, '2021-06-01');
const sqlServerSpec = specIn(SQL_SERVER_2021_06_01, '2021-06-01');

/**
 * Azure Synapse workspaces and their dedicated SQL minimal TLS setting at 2021-06-01, the only stable
 * api-version with dedicatedSQLminimalTlsSettings (2020-12-01 lacks it; 2021-06-01-preview has it
 * too). @azure/arm-synapse 8.0.0, the only published release, speaks 2021-06-01 but has no operation
 * for the setting at all, so the adapter sends these requests through the resources client's pipeline.
 *
 * The setting is a child of the workspace named `default` (the path parameter's enum holds only
 * "default"). Its write is WorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings_Update: a PATCH,
 * x-ms-long-running-operation without options, 200 or 202. The spec has no PUT for it.
 *
 * Where the spec contradicts itself: the PATCH body's definition, DedicatedSQLminimalTlsSettingsPatchInfo,
 * declares `minimalTlsVersion` at the body's root, while the operation's own x-ms-example
 * (UpdateWorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings.json) sends
 * `{"properties":{"minimalTlsVersion":"1.1"}}`, the GET model (DedicatedSQLminimalTlsSettings) holds it
 * at properties.minimalTlsVersion, and Azure Policy's alias and Modify built-in
 * (8b5c654c-fb07-471b-aa8f-15fea733f140) address it there. The facts follow the example: a root-level
 * key cannot be checked against the document GET returns, and every public caller found sends the
 * properties wrapper. The PATCH model gives the value no enum (plain string).
 *
 * The spec's GET and PATCH of the setting omit ApiVersionParameter (List has it); ARM requires one,
 * and the examples use 2021-06-01, which is what we send.
 */
export const facts = defineKind({
  kind: 'synapse',
  types: [
    {
      type: 'Microsoft.Synapse/workspaces',
      read: { operation: 'Workspaces_Get', apiVersion: '2021-06-01', spec: workspaceSpec('Workspaces_Get') },
      // readOnly in WorkspaceProperties and ManagedIdentity, plus systemData. The workspace itself is
      // never written by transit-warden, so it has no update here.
      readOnly: [
        'properties.provisioningState', 'properties.workspaceUID', 'properties.extraProperties', 'properties.adlaResourceId',
        'properties.settings', 'identity.principalId', 'identity.tenantId', 'systemData',
      ],
      // Stable and preview folders of Microsoft.Synapse confirmed in the spec repository.
      apiVersions: ['2021-06-01', '2021-06-01-preview', '2020-12-01'],
    },
    {
      type: 'Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings',
      document: true,
      read: {
        operation: 'WorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings_Get',
        apiVersion: '2021-06-01',
        spec: sqlServerSpec('WorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings_Get'),
      },
      // readOnly in DedicatedSQLminimalTlsSettings (location) and systemData. The GET model also marks
      // properties.minimalTlsVersion readOnly, because the spec models the write with a separate
      // PatchInfo definition; it is writable through the PATCH, so it is not listed here.
      readOnly: ['location', 'systemData'],
      update: {
        operation: 'WorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings_Update',
        method: 'PATCH',
        apiVersion: '2021-06-01',
        responses: [200, 202],
        // DedicatedSQLminimalTlsSettingsPatchInfo's one property, placed as the operation's example places it.
        writable: { 'properties.minimalTlsVersion': 'string' },
        longRunning: {
          // x-ms-long-running-operation: true, no options. No example or recording shows the monitors,
          // so the emulator answers the synchronous 200 and the adapter polls whatever monitor ARM names.
          finalStateVia: 'unspecified',
        },
        spec: sqlServerSpec('DedicatedSQLminimalTlsSettingsPatchInfo'),
      },
      apiVersions: ['2021-06-01', '2021-06-01-preview'],
    },
  ],
  actions: {
    read: ['Microsoft.Synapse/workspaces/read', 'Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings/read'],
    write: ['Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings/write'],
  },
});
