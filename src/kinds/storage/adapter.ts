import { storageSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { facts as storageFacts } from './facts';
import { sdkWritable } from '../../azure/kinds/from-facts';
import { sameType } from '../../controls/types';
import { FILE_SERVICES_TYPE, STORAGE_ACCOUNT_TYPE } from './shared';

/**
 * StorageAccounts_Update's writable scalars. The SDK model spells supportsHttpsTrafficOnly
 * `enableHttpsTrafficOnly` (the spec's x-ms-client-name).
 */
const WRITABLE = sdkWritable(updateOf(storageFacts, 'Microsoft.Storage/storageAccounts'), { supportsHttpsTrafficOnly: 'enableHttpsTrafficOnly' });

/**
 * Storage accounts, and their file services (…/fileServices/default, a child resource: names are
 * [account, "default"]), over @azure/arm-storage. A file service is only read
 * (FileServices_GetServiceProperties); its one write is a PUT transit-warden never sends (facts.ts).
 */
export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (storageSdk().StorageManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  return {
    resourceTypes: [STORAGE_ACCOUNT_TYPE, FILE_SERVICES_TYPE],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${id.type} has no document ${target}`);
      if (sameType(id.type, FILE_SERVICES_TYPE)) {
        if (id.names[1]?.toLowerCase() !== 'default') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `a storage account's file service is named "default", not ${JSON.stringify(id.names[1])}`);
        return callForWire((o) => client(id.subscriptionId).fileServices.getServiceProperties(id.resourceGroup, id.names[0], o));
      }
      return callForWire((o) => client(id.subscriptionId).storageAccounts.getProperties(id.resourceGroup, id.names[0], o));
    },
    patch(id, target, body) {
      if (sameType(id.type, FILE_SERVICES_TYPE)) {
        return Promise.reject(new WardenError('UNSUPPORTED_RESOURCE_TYPE', `${id.type}: the only write is a PUT of the whole file service, which the spec does not show leaves other settings alone; transit-warden reports on it and never writes to it`));
      }
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `storage accounts have no document ${target}`);
      const model = toSdkModel(body, WRITABLE, 'storage account PATCH');
      // @azure/arm-storage 20.0.0 decides whether to send `properties` by checking for a key spelled
      // "EnableHttpsTrafficOnly" (capital E), so an update setting only enableHttpsTrafficOnly goes
      // out as `{}` and the fix never lands. Setting the mis-cased key too makes that check see it; the
      // serializer still reads the camelCase value. Harmless once the SDK is fixed (unknown keys are
      // dropped). test/azure/storage-adapter.test.ts pins the wire body.
      if ('enableHttpsTrafficOnly' in model) model.EnableHttpsTrafficOnly = model.enableHttpsTrafficOnly;
      return callForWire((o) => client(id.subscriptionId).storageAccounts.update(id.resourceGroup, id.names[0], model, o));
    },
  };
};
