import type { ArmObject } from '../../controls/types';
import { typeFacts } from '../facts';
import { facts as synapseFacts } from './facts';
import { MINIMAL_TLS_TARGET, SYNAPSE_WORKSPACE_TYPE } from './shared';
import { sandboxType } from '../../sandbox/kinds/from-facts';
import type { SandboxKind } from '../../sandbox/kinds/kind';

const SETTINGS_TYPE = 'Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings';

/**
 * Every workspace has its `default` setting (the spec allows no other name, and GET of it answers for
 * any workspace). A new workspace gets "1.2": Azure has made TLS 1.2 the floor for new workspaces and
 * reports it after the setting is reset. Shaped as the REST example's GET
 * (GetWorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings.json, 2021-06-01) without the empty
 * fields that example borrowed from the SQL server model.
 */
function defaultSettings(workspace: ArmObject): ArmObject[] {
  const settings: ArmObject = {
    id: `${String(workspace.id)}/${MINIMAL_TLS_TARGET}`,
    name: 'default',
    type: SETTINGS_TYPE,
    properties: { minimalTlsVersion: '1.2' },
  };
  if (typeof workspace.location === 'string') settings.location = workspace.location;
  return [settings];
}

/**
 * Synapse workspaces (read only) and their dedicated SQL minimal TLS setting. Every rule comes from
 * the kind's facts: the setting's PATCH may carry properties.minimalTlsVersion (a string) and nothing
 * else; the workspace accepts no write at all. The PATCH answers the synchronous 200 (no recording
 * shows this operation's monitors).
 */
export const emulator: SandboxKind = {
  name: 'synapse',
  types: [
    sandboxType(typeFacts(synapseFacts, SYNAPSE_WORKSPACE_TYPE), { defaultChildren: defaultSettings }),
    sandboxType(typeFacts(synapseFacts, SETTINGS_TYPE)),
  ],
};
