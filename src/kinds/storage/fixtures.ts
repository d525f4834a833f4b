// Test-only (see ../fixture-types.ts): built from the real samples in test/fixtures/samples (SOURCES.md):
// the accounts from the storage samples, the file services from the REST spec examples
// storage/2025-08-01/FileServicesPut_EnableSecureSmbFeatures.json (FileServices_SetServiceProperties'
// 200 body: every SMB version and cipher allowed) and FileServicesGet.json (no protocolSettings).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KindFixtures } from '../fixture-types';
import type { ArmObject, JsonObject } from '../../controls/types';
import { merge, storageAccount, storageAccountId, type Overrides, type Placement } from '../../../test/fixtures/arm';
import { SAMPLES_DIR } from '../../../test/fixtures/samples';

/** The 200 body of a saved x-ms-examples file of the storage file services. */
export function fileServicesExample(file: string): ArmObject {
  const example = JSON.parse(readFileSync(path.join(SAMPLES_DIR, 'storage/2025-08-01', file), 'utf8')) as { responses?: { '200'?: { body?: ArmObject } } };
  const body = example.responses?.['200']?.body;
  if (!body || typeof body.id !== 'string') throw new Error(`${file} has no 200 response body`);
  return body;
}

export const fileServicesId = (account = 'stcontoso001', p: Placement = {}): string => `${storageAccountId(account, p)}/fileServices/default`;

/**
 * An account's file service: an example's body re-pointed at our subscription, group and account.
 * By default FileServicesPut_EnableSecureSmbFeatures.json's, narrowed to SMB 3.1.1 and AES-GCM (so
 * compliant); `smb` overrides merge into properties.protocolSettings.smb (`undefined` removes).
 */
export function fileService(smb?: Overrides, placement: Placement & { account?: string; example?: string } = {}): ArmObject {
  const sample = fileServicesExample(placement.example ?? 'FileServicesPut_EnableSecureSmbFeatures.json');
  const properties = merge(sample.properties as JsonObject, placement.example ? undefined : { protocolSettings: { smb: { versions: 'SMB3.1.1', channelEncryption: 'AES-128-GCM;AES-256-GCM' } } });
  return {
    ...sample,
    id: fileServicesId(placement.account, placement),
    properties: smb === undefined ? properties : merge(properties, { protocolSettings: { smb } }),
  };
}

/** The example's own SMB settings: every version and cipher allowed. */
const driftedFileService = (): ArmObject => fileService({ versions: 'SMB2.1;SMB3.0;SMB3.1.1', channelEncryption: 'AES-128-CCM;AES-128-GCM;AES-256-GCM' });

export const fixtures: KindFixtures = {
  resources: () => [storageAccount({ supportsHttpsTrafficOnly: false }), driftedFileService()],
  fixes: ['storage-https-only'],
  failsEveryControl: () => [storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' }), driftedFileService()],
  enforceCases: [
    {
      control: 'storage-https-only', estate: () => [storageAccount({ supportsHttpsTrafficOnly: false })],
      resourceId: storageAccountId(), target: 'self', patch: { properties: { supportsHttpsTrafficOnly: true } }, documentId: storageAccountId(),
    },
    {
      control: 'storage-min-tls', estate: () => [storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'sttls001' })],
      resourceId: storageAccountId('sttls001'), target: 'self', patch: { properties: { minimumTlsVersion: 'TLS1_2' } }, documentId: storageAccountId('sttls001'),
    },
  ],
};
