import { describe, expect, it } from 'vitest';
import control from './storage-https-only';
import { controlCases } from '../../../test/helpers/control-cases';
import { recordedStorageAccount, sampleStorageAccount, withFields, withProperties } from '../../../test/fixtures/samples';

const fix = { properties: { supportsHttpsTrafficOnly: true } };

controlCases(control, {
  pass: [
    { name: 'supportsHttpsTrafficOnly is true in a recorded PATCH response', document: recordedStorageAccount() },
    { name: 'supportsHttpsTrafficOnly is true on a StorageV2 account', document: withFields(withProperties(sampleStorageAccount(), { supportsHttpsTrafficOnly: true }), { kind: 'StorageV2' }) },
  ],
  fail: [
    {
      name: 'supportsHttpsTrafficOnly is false as in the StorageAccounts_Update example',
      document: sampleStorageAccount(), path: 'properties.supportsHttpsTrafficOnly', patch: fix,
    },
    { name: 'supportsHttpsTrafficOnly is absent', document: withProperties(sampleStorageAccount(), { supportsHttpsTrafficOnly: undefined }), patch: fix },
    { name: 'supportsHttpsTrafficOnly is null', document: withProperties(sampleStorageAccount(), { supportsHttpsTrafficOnly: null }), patch: fix },
    { name: 'supportsHttpsTrafficOnly is the string "true"', document: withProperties(sampleStorageAccount(), { supportsHttpsTrafficOnly: 'true' }), patch: fix },
    {
      name: 'only the SDK name enableHttpsTrafficOnly is set, which ARM does not read',
      document: withProperties(sampleStorageAccount(), { supportsHttpsTrafficOnly: undefined, enableHttpsTrafficOnly: true }),
      patch: fix,
    },
  ],
});

describe('storage-https-only', () => {
  it('patches the wire name supportsHttpsTrafficOnly and documents the SDK name', () => {
    expect(control.fix?.(sampleStorageAccount(), sampleStorageAccount())).toEqual(fix);
    expect(control.doc.fix).toMatch(/enableHttpsTrafficOnly/);
  });
});
