import { storageSdk } from '../../azure/sdk';
import { WardenError } from '../../errors';
import { callForWire, toSdkModel } from '../../azure/wire';
import { clientCache, sdkOptions, type KindAdapterFactory } from '../../azure/kinds/kind';
import { updateOf } from '../facts';
import { facts as storageFacts } from './facts';
import { sdkWritable } from '../../azure/kinds/from-facts';

/**
 * StorageAccounts_Update's writable scalars. The SDK model spells supportsHttpsTrafficOnly
 * `enableHttpsTrafficOnly` (the spec's x-ms-client-name).
 */
const WRITABLE = sdkWritable(updateOf(storageFacts, 'Microsoft.Storage/storageAccounts'), { supportsHttpsTrafficOnly: 'enableHttpsTrafficOnly' });

export const adapter: KindAdapterFactory = (settings) => {
  const client = clientCache((subscriptionId) => new (storageSdk().StorageManagementClient)(settings.credential, subscriptionId, sdkOptions(settings)));
  return {
    resourceTypes: ['Microsoft.Storage/storageAccounts'],
    read(id, target) {
      if (target !== 'self') throw new WardenError('UNSUPPORTED_RESOURCE_TYPE', `storage accounts have no document ${target}`);
      return callForWire((o) => client(id.subscriptionId).storageAccounts.getProperties(id.resourceGroup, id.names[0], o));
    },
    patch(id, target, body) {
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
