import { describe, expect, it } from 'vitest';
import control from './storage-smb-secure';
import { controlCases } from '../../../test/helpers/control-cases';
import { fileService, fileServicesExample } from './fixtures';

const VERSIONS = 'properties.protocolSettings.smb.versions';
const CHANNEL = 'properties.protocolSettings.smb.channelEncryption';

controlCases(control, {
  pass: [
    { name: 'only SMB3.1.1 with AES-128-GCM;AES-256-GCM', document: fileService() },
    { name: 'only SMB3.1.1 with AES-256-GCM alone', document: fileService({ channelEncryption: 'AES-256-GCM' }) },
    { name: 'only SMB3.1.1 with AES-128-GCM alone', document: fileService({ channelEncryption: 'AES-128-GCM' }) },
    { name: 'entries spaced and in another case ("smb3.1.1 ", " aes-256-gcm ; AES-128-gcm")', document: fileService({ versions: 'smb3.1.1 ', channelEncryption: ' aes-256-gcm ; AES-128-gcm' }) },
    { name: 'a trailing delimiter ("SMB3.1.1;")', document: fileService({ versions: 'SMB3.1.1;', channelEncryption: 'AES-256-GCM;' }) },
    { name: 'other SMB settings (NTLMv2, RC4-HMAC, multichannel) are not this control\'s', document: fileService({ authenticationMethods: 'NTLMv2', kerberosTicketEncryption: 'RC4-HMAC', multichannel: { enabled: true } }) },
  ],
  fail: [
    {
      name: 'every version and cipher allowed, as in FileServicesPut_EnableSecureSmbFeatures.json',
      document: fileService(undefined, { example: 'FileServicesPut_EnableSecureSmbFeatures.json' }),
      path: VERSIONS,
    },
    { name: 'no protocolSettings at all, as in FileServicesGet.json (the service default allows all)', document: fileServicesExample('FileServicesGet.json'), path: VERSIONS },
    { name: 'protocolSettings.smb absent', document: fileService(undefined, { example: 'FileServicesGet.json' }), path: VERSIONS },
    { name: 'versions absent, channelEncryption secure', document: fileService({ versions: undefined }), path: VERSIONS },
    { name: 'versions empty', document: fileService({ versions: '' }), path: VERSIONS },
    { name: 'versions only delimiters and spaces', document: fileService({ versions: ' ; ' }), path: VERSIONS },
    { name: 'versions null', document: fileService({ versions: null }), path: VERSIONS },
    { name: 'versions as an array rather than a ";" string', document: fileService({ versions: ['SMB3.1.1'] }), path: VERSIONS },
    { name: 'SMB3.0 still allowed', document: fileService({ versions: 'SMB3.0;SMB3.1.1' }), path: VERSIONS },
    { name: 'SMB2.1 still allowed (spaced)', document: fileService({ versions: 'SMB3.1.1; SMB2.1' }), path: VERSIONS },
    { name: 'an unknown version', document: fileService({ versions: 'SMB3.1.1;SMB4' }), path: VERSIONS },
    { name: 'versions joined with "," instead of ";"', document: fileService({ versions: 'SMB3.1.1,SMB3.0' }), path: VERSIONS },
    { name: 'SMB3.1.1 only but channelEncryption absent (default allows AES-128-CCM)', document: fileService({ channelEncryption: undefined }), path: CHANNEL },
    { name: 'SMB3.1.1 only but AES-128-CCM still allowed', document: fileService({ channelEncryption: 'AES-128-CCM;AES-128-GCM;AES-256-GCM' }), path: CHANNEL },
    { name: 'SMB3.1.1 only with AES-128-CCM alone (lower case)', document: fileService({ channelEncryption: 'aes-128-ccm' }), path: CHANNEL },
    { name: 'SMB3.1.1 only with channelEncryption empty', document: fileService({ channelEncryption: '' }), path: CHANNEL },
  ],
});

describe('storage-smb-secure', () => {
  it('is report-only on the file service: no fix, and it asks only to read it', () => {
    expect(control.resourceTypes).toEqual(['Microsoft.Storage/storageAccounts/fileServices']);
    expect(control.target).toBe('self');
    expect(control.defaultMode).toBe('report');
    expect(control.fix).toBeUndefined();
    expect(control.fixPaths).toBeUndefined();
    expect(control.permissions).toEqual(['Microsoft.Storage/storageAccounts/fileServices/read']);
  });

  it('says why it does not fix: the write is a PUT the spec does not show is safe', () => {
    expect(control.doc.fix).toMatch(/FileServices_SetServiceProperties/);
    expect(control.doc.fix).toMatch(/CORS rules will be deleted/);
  });

  it('names what failed and why', () => {
    const verdict = control.evaluate(fileService({ versions: 'SMB3.0;SMB3.1.1' }), fileService());
    expect(verdict).toMatchObject({ status: 'fail', actual: 'SMB3.0;SMB3.1.1', expected: 'SMB3.1.1' });
    expect(verdict.status === 'fail' && verdict.reason).toMatch(/allows SMB3\.0/);
    const absent = control.evaluate(fileService({ channelEncryption: undefined }), fileService());
    expect(absent).toMatchObject({ status: 'fail', expected: 'AES-128-GCM;AES-256-GCM' });
    expect(absent.status === 'fail' && absent.reason).toMatch(/service default/);
  });
});
