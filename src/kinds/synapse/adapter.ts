import { resourcesSdk } from '../../azure/sdk';
import { armUrl, getResource, resourceBody, sendArmRequest, type PipelineClient } from '../../azure/arm-request';
import { toSdkModel } from '../../azure/wire';
import { sdkWritable } from '../../azure/kinds/from-facts';
import { clientCache, sdkOptions, type ClientSettings, type KindAdapterFactory } from '../../azure/kinds/kind';
import { readPath, type ArmObject, type ControlTarget, type JsonObject } from '../../controls/types';
import type { ResourceId } from '../../core/resource-id';
import { leafPaths } from '../../engine/patches';
import { WardenError } from '../../errors';
import { typeFacts, updateOf } from '../facts';
import { facts as synapseFacts } from './facts';
import { MINIMAL_TLS_TARGET, SYNAPSE_WORKSPACE_TYPE } from './shared';

const SETTINGS_TYPE = 'Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings';
const WORKSPACE = typeFacts(synapseFacts, SYNAPSE_WORKSPACE_TYPE);
const SETTINGS = typeFacts(synapseFacts, SETTINGS_TYPE);
const UPDATE = updateOf(synapseFacts, SETTINGS_TYPE);

/** The workspace's read api-version (2021-06-01); the lister uses it too. */
export const SYNAPSE_API_VERSION = WORKSPACE.read.apiVersion;

/** The PATCH model's one property (toSdkModel only checks the body against it; the wire body is sent). */
const WRITABLE = sdkWritable(UPDATE);

/**
 * How many times a 202'd PATCH is followed by a GET of the setting before the engine is handed what
 * ARM holds. No recording shows this operation's monitors, and a role that could read them would
 * need Microsoft.Synapse/locations/operation* actions nothing else exercises; the setting itself is
 * readable with the control's own permission, so it is what is polled. The engine verifies the
 * final read either way: a change still in flight is recorded unverified, never as done.
 */
const READ_BACK_ATTEMPTS = 30;

function targetOf(target: ControlTarget): 'self' | 'settings' {
  if (target === 'self') return 'self';
  if (target.toLowerCase() === MINIMAL_TLS_TARGET.toLowerCase()) return 'settings';
  throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `Synapse workspaces have no document ${target}`);
}

/** True when every leaf the patch sets reads back with the value sent. */
function holds(document: ArmObject, patch: JsonObject): boolean {
  return leafPaths(patch).every((path) => readPath(document, path) === readPath(patch, path));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function patchSettings(client: PipelineClient, settings: ClientSettings, id: ResourceId, body: JsonObject): Promise<ArmObject> {
  const documentId = `${id.id}/${MINIMAL_TLS_TARGET}`;
  const get = (): Promise<ArmObject> => getResource(client, settings.endpoint, documentId, SETTINGS.read.apiVersion);
  const response = await sendArmRequest(client, armUrl(settings.endpoint, documentId, UPDATE.apiVersion), 'PATCH', body);
  // 200 carries the setting (the operation's example); 202 carries nothing and the change is in flight.
  const answered = response.status === 200 ? resourceBody(response) : undefined;
  if (answered) return answered;
  let current = await readBack(get);
  for (let attempt = 1; attempt < READ_BACK_ATTEMPTS && !holds(current, body); attempt += 1) {
    await sleep(settings.pollIntervalMs);
    current = await readBack(get);
  }
  return current;
}

/** A GET after an accepted write that fails must not read as a refused write (see azure/wire.ts readBack). */
async function readBack(get: () => Promise<ArmObject>): Promise<ArmObject> {
  try {
    return await get();
  } catch (err) {
    throw new WardenError('WRITE_UNCONFIRMED', 'ARM accepted the Synapse TLS setting PATCH, but reading the setting back failed', undefined, { cause: err });
  }
}

/**
 * Synapse workspaces and their dedicated SQL minimal TLS setting, read and written at 2021-06-01
 * through the @azure/arm-resources client's pipeline (ServiceClient.sendRequest): @azure/arm-synapse
 * 8.0.0 has no operation for dedicatedSQLminimalTlsSettings, and loading it only to read the
 * workspace would cost cold start for nothing the pipeline cannot do. The write is the spec's PATCH
 * (WorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings_Update), never a PUT.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (resourcesSdk().ResourceManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  return {
    resourceTypes: [SYNAPSE_WORKSPACE_TYPE],
    read(id, target) {
      const documentId = targetOf(target) === 'self' ? id.id : `${id.id}/${MINIMAL_TLS_TARGET}`;
      const apiVersion = targetOf(target) === 'self' ? WORKSPACE.read.apiVersion : SETTINGS.read.apiVersion;
      return getResource(client(id.subscriptionId), settings.endpoint, documentId, apiVersion);
    },
    patch(id, target, body) {
      if (targetOf(target) === 'self') {
        return Promise.reject(new WardenError('UNSUPPORTED_RESOURCE_TYPE', 'transit-warden never writes the Synapse workspace itself, only its dedicatedSQLminimalTlsSettings/default'));
      }
      toSdkModel(body, WRITABLE, 'Synapse dedicated SQL minimal TLS PATCH');
      return patchSettings(client(id.subscriptionId), settings, id, body);
    },
  };
};
