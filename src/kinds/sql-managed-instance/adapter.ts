import { sqlSdk } from '../../azure/sdk';
import type { ArmObject, JsonObject } from '../../controls/types';
import { WardenError, describeError } from '../../errors';
import { readBackUntil, showsWritten } from '../common/read-back';
import { armUrl, getResource, resourceBody, sendArmRequest } from '../../azure/arm-request';
import type { ResourceId } from '../../core/resource-id';
import { toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { facts as sqlManagedInstanceFacts } from './facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

const TYPE = 'Microsoft.Sql/managedInstances';
const UPDATE = updateOf(sqlManagedInstanceFacts, TYPE);

/** ManagedInstances_Update's writable scalars (validated here; the wire body itself is sent). */
const WRITABLE = sdkWritable(UPDATE);

/** ManagedInstances_Get and ManagedInstances_Update at the GA api-version of the facts, which has minimalTlsVersion. */
export const SQL_MANAGED_INSTANCE_API_VERSION = UPDATE.apiVersion;

/**
 * How long a 202 PATCH may take to show on the instance before we stop waiting. An instance runs one
 * management operation at a time, so the update can queue behind a scaling or storage change for
 * much longer than this; holding an invocation (and the resource's lease) for that long would stall
 * the sweep, so after the bound the engine records the fix unverified and the next evaluation of the
 * instance (its write event, a redelivery or the sweep) confirms it. Same bound as SQL servers.
 */
const SETTLE_TIMEOUT_MS = 10 * 60_000;

/**
 * Azure SQL Managed Instances (@azure/arm-sql 10). ManagedInstances_Update is long-running and its
 * monitor (…/resourceGroups/{rg}/providers/Microsoft.Sql/locations/{l}/managedInstanceAzureAsyncOperation/{id})
 * is authorised, like the SQL servers' monitors, with an action that no custom role can list, and the
 * role grants no wildcard. So the PATCH is sent through the SDK client's pipeline without the SDK's
 * poller, and completion is observed on the instance itself (Microsoft.Sql/managedInstances/read,
 * which the role has): when a GET shows the values the PATCH wrote, the update is done.
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (sqlSdk().SqlManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  // Read at the write's api-version, not the SDK's 2022-08-01-preview: the document the control
  // judges and the PATCH then speak one model.
  const read = (id: ResourceId): Promise<ArmObject> => getResource(client(id.subscriptionId), settings.endpoint, id.id, SQL_MANAGED_INSTANCE_API_VERSION);

  const settled = (id: ResourceId, body: JsonObject): Promise<ArmObject> =>
    readBackUntil(() => read(id), body, { timeoutMs: SETTLE_TIMEOUT_MS, pollIntervalMs: settings.pollIntervalMs });

  return {
    resourceTypes: [TYPE],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `SQL managed instances have no document ${target}`);
      return read(id);
    },
    async patch(id, target, body) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `SQL managed instances have no document ${target}`);
      // Validates the body against what this adapter may write; the wire body itself is sent.
      toSdkModel(body, WRITABLE, 'SQL managed instance PATCH');
      const response = await sendArmRequest(client(id.subscriptionId), armUrl(settings.endpoint, id.id, SQL_MANAGED_INSTANCE_API_VERSION), 'PATCH', body);
      // A 200 with the instance can still be mid-operation (provisioningState Updating, the old value
      // shown): only a body that already shows the value ends the wait.
      const instance = response.status === 200 ? resourceBody(response) : undefined;
      if (instance && showsWritten(instance, body)) return instance;
      try {
        return await settled(id, body);
      } catch (err) {
        // ARM accepted the PATCH; only watching it failed. The engine reads the instance back.
        throw new WardenError('WRITE_UNCONFIRMED', `ARM accepted the write, but the managed instance could not be read to see it finish: ${describeError(err)}`, undefined, { cause: err });
      }
    },
  };
};
