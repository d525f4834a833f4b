import control from './storage-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { recordedStorageAccount, sampleStorageAccount, withProperties } from '../../../test/fixtures/samples';
import type { ArmObject } from '../../controls/types';

const fix = { properties: { minimumTlsVersion: 'TLS1_2' } };
const account = (minimumTlsVersion: string | null | undefined): ArmObject => withProperties(sampleStorageAccount(), { minimumTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimumTlsVersion is TLS1_2 as in the StorageAccounts_Update example', document: sampleStorageAccount() },
    { name: 'minimumTlsVersion is the stricter TLS1_3', document: account('TLS1_3') },
  ],
  fail: [
    { name: 'minimumTlsVersion is TLS1_0 in a recorded PATCH response', document: recordedStorageAccount(), path: 'properties.minimumTlsVersion', patch: fix },
    { name: 'minimumTlsVersion is TLS1_1', document: account('TLS1_1'), patch: fix },
    { name: 'minimumTlsVersion is absent', document: account(undefined), patch: fix },
    { name: 'minimumTlsVersion is null', document: account(null), patch: fix },
    { name: 'minimumTlsVersion uses the App Service spelling "1.2"', document: account('1.2'), patch: fix },
  ],
});
