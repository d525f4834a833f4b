import { sqlSdk } from '../../azure/sdk';
import type { ArmObject, JsonObject } from '../../controls/types';
import { WardenError, describeError } from '../../errors';
import { readBackUntil } from '../common/read-back';
import { armUrl, getResource, resourceBody, sendArmRequest } from '../../azure/arm-request';
import type { ResourceId } from '../../core/resource-id';
import { toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { facts as sqlFacts } from './facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

const UPDATE = updateOf(sqlFacts, 'Microsoft.Sql/servers');

/** Servers_Update's writable scalars (validated here; the wire body itself is sent). */
const WRITABLE = sdkWritable(UPDATE);

/** Servers_Get and Servers_Update at the GA api-version of the facts, which has minimalTlsVersion. */
export const SQL_API_VERSION = UPDATE.apiVersion;

/** How long a 202 PATCH may take to show on the server before we stop waiting (the engine then records it unverified). */
const SETTLE_TIMEOUT_MS = 10 * 60_000;

/**
 * Azure SQL logical servers (@azure/arm-sql 10). Servers_Update is long-running, and its monitors
 * (…/locations/{l}/serverAzureAsyncOperation/{id} and …/serverOperationResults/{id}) are authorised
 * with actions that no custom role can list — the provider does not publish them, so only a
 * wildcard (`Microsoft.Sql/locations/*\/read`) would do, and the role grants none. So the PATCH is
 * sent through the SDK client's pipeline without the SDK's poller, and completion is observed on
 * the server itself (Microsoft.Sql/servers/read, which the role has): when a GET shows the values
 * the PATCH wrote, the update is done.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (sqlSdk().SqlManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  // Read at the write's api-version, not the SDK's 2022-08-01-preview: the document the controls
  // judge and the PATCH then speak one model.
  const read = (id: ResourceId): Promise<ArmObject> => getResource(client(id.subscriptionId), settings.endpoint, id.id, SQL_API_VERSION);

  const settled = (id: ResourceId, body: JsonObject): Promise<ArmObject> =>
    readBackUntil(() => read(id), body, { timeoutMs: SETTLE_TIMEOUT_MS, pollIntervalMs: settings.pollIntervalMs });

  return {
    resourceTypes: ['Microsoft.Sql/servers'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `SQL servers have no document ${target}`);
      return read(id);
    },
    async patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `SQL servers have no document ${target}`);
      // Validates the body against what this adapter may write; the wire body itself is sent.
      toSdkModel(body, WRITABLE, 'SQL server PATCH');
      const response = await sendArmRequest(client(id.subscriptionId), armUrl(settings.endpoint, id.id, SQL_API_VERSION), 'PATCH', body);
      const server = response.status === 200 ? resourceBody(response) : undefined;
      if (server) return server;
      try {
        return await settled(id, body);
      } catch (err) {
        // ARM accepted the PATCH; only watching it failed. The engine reads the server back.
        throw new WardenError('WRITE_UNCONFIRMED', `ARM accepted the write, but the server could not be read to see it finish: ${describeError(err)}`, undefined, { cause: err });
      }
    },
  };
};
