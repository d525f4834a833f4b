import { defineControl } from '../../controls/types';
import { requireValue } from '../../controls/expect';
import { MINIMAL_TLS_TARGET, SYNAPSE_PERMISSIONS, SYNAPSE_WORKSPACE_TYPE } from './shared';

export default defineControl({
  id: 'synapse-min-tls',
  title: 'Synapse workspace dedicated SQL pools refuse TLS older than 1.2',
  summary: { resource: 'Synapse workspaces: dedicatedSQLminimalTlsSettings', compliantWhen: '`minimalTlsVersion = 1.2`', fix: 'PATCH (long-running)' },
  recommendations: [
    {
      appliesTo: 'any',
      // Audits minimalTlsVersion notEquals "1.2" on this child type, exactly this control's condition;
      // its Modify twin (8b5c654c-fb07-471b-aa8f-15fea733f140) writes the same value. No Defender
      // assessment for it was found, so none is named.
      policies: [{ id: 'cb3738a6-82a2-4a18-b87b-15217b9deff4', displayName: 'Azure Synapse Workspace SQL Server should be running TLS version 1.2 or newer' }],
      assessment: null,
    },
  ],
  resourceTypes: [SYNAPSE_WORKSPACE_TYPE],
  target: MINIMAL_TLS_TARGET,
  permissions: [...SYNAPSE_PERMISSIONS],
  defaultMode: 'enforce',
  doc: {
    why: 'The workspace SQL endpoints of a Synapse workspace (dedicated SQL pools, {workspace}.sql.azuresynapse.net) accept the TLS versions its dedicatedSQLminimalTlsSettings/default allows. Workspaces created before TLS 1.2 became the floor may still accept TLS 1.0/1.1, which have known weaknesses and fail PCI DSS; Azure Policy audits the same value.',
    // The PATCH model (DedicatedSQLminimalTlsSettingsPatchInfo, 2021-06-01) types the value as a plain
    // string with no enum and Azure Policy checks notEquals "1.2": only "1.2" passes, as there.
    fix: 'WorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings_Update: PATCH .../workspaces/{name}/dedicatedSQLminimalTlsSettings/default?api-version=2021-06-01 with {"properties":{"minimalTlsVersion":"1.2"}}, the body the operation\'s REST example sends (the spec\'s PatchInfo definition puts the field at the body root, contradicting its own example and GET model; see src/kinds/synapse/facts.ts). The PATCH is long-running (200 or 202); nothing else of the workspace is written. @azure/arm-synapse has no operation for this setting, so the request goes through an SDK client\'s pipeline (sendRequest) with the same credential, retries and throttling handling.',
    sideEffects: 'Clients of the dedicated SQL pools that cannot negotiate TLS 1.2 (old ODBC/JDBC/ADO.NET drivers, .NET Framework 4.5/4.6 without strong crypto, Windows 7-era stacks, some ETL tools) can no longer connect. Serverless SQL pools and Spark are not governed by this setting. Established connections are not dropped.',
    exemptWhen: 'A legacy client or integration that only speaks TLS 1.0/1.1 still loads data into this workspace and has a dated replacement plan. Exempt with transit-warden-exempt-until.',
  },
  evaluate: (settings) => requireValue(settings, 'properties.minimalTlsVersion', '1.2'),
  fix: () => ({ properties: { minimalTlsVersion: '1.2' } }),
  fixPaths: ['properties.minimalTlsVersion'],
});
