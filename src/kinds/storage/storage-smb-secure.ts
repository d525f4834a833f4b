import { defineControl, fail, pass, readPath, SELF, type ArmObject, type Json, type Verdict } from '../../controls/types';
import { FILE_SERVICES_PERMISSIONS, FILE_SERVICES_TYPE } from './shared';

const VERSIONS = 'properties.protocolSettings.smb.versions';
const CHANNEL_ENCRYPTION = 'properties.protocolSettings.smb.channelEncryption';

/**
 * What passes, spelled as SmbSetting's descriptions spell the valid values (file.json, 2025-08-01):
 * versions "SMB2.1, SMB3.0, SMB3.1.1" and channelEncryption "AES-128-CCM, AES-128-GCM, AES-256-GCM",
 * each "passed as a string with delimiter ';'". Only SMB 3.1.1 and the two GCM ciphers pass.
 */
const SECURE_VERSIONS = ['SMB3.1.1'] as const;
const SECURE_CIPHERS = ['AES-128-GCM', 'AES-256-GCM'] as const;

/**
 * The ';'-separated list at `path`, each entry trimmed; undefined when it is not a string holding at
 * least one entry. An absent, null or empty value is the service default, which allows every version
 * and cipher, so it never passes.
 */
function entries(value: Json | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const list = value.split(';').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return list.length > 0 ? list : undefined;
}

/** Pass when the list holds only allowed entries (compared case-insensitively). */
function onlyAllowed(document: ArmObject, path: string, allowed: readonly string[], what: string): Verdict {
  const actual = readPath(document, path);
  const list = entries(actual);
  const expected = allowed.join(';');
  if (list === undefined) {
    return fail(path, actual, expected, `${path} is ${actual === undefined ? 'absent' : JSON.stringify(actual)}: the service default, which allows every SMB ${what}; expected only ${allowed.join(' and/or ')}`);
  }
  const lower = allowed.map((a) => a.toLowerCase());
  const others = list.filter((entry) => !lower.includes(entry.toLowerCase()));
  if (others.length > 0) return fail(path, actual, expected, `${path} allows ${others.join(', ')}; expected only ${allowed.join(' and/or ')}`);
  return pass();
}

export default defineControl({
  id: 'storage-smb-secure',
  title: 'Azure Files accepts only SMB 3.1.1 with AES-GCM channel encryption (report only)',
  summary: {
    resource: 'storage accounts: fileServices/default',
    compliantWhen: '`protocolSettings.smb.versions` only SMB3.1.1 and `channelEncryption` only AES-128-GCM/AES-256-GCM',
    fix: 'none: report only (old SMB clients break; the only write is a PUT of the file service)',
  },
  // No Azure Policy built-in definition or Defender assessment on these fields was found (a search
  // of public policy text found only custom definitions), so none is named.
  recommendations: [],
  resourceTypes: [FILE_SERVICES_TYPE],
  target: SELF,
  permissions: [...FILE_SERVICES_PERMISSIONS],
  defaultMode: 'report',
  doc: {
    why: 'SMB 2.1 has no encryption at all, and SMB 3.0 encrypts with AES-128-CCM only and lacks SMB 3.1.1\'s pre-authentication integrity, which protects the negotiation from a downgrade by a man in the middle. An Azure file share whose file service still allows them (the default when protocolSettings.smb is unset) lets a client, or an attacker in the path, settle on the weaker protocol. The Threat Modeling Tool\'s mitigation for Azure file shares is SMB 3.1.1 with AES-GCM channel encryption only; the file service\'s protocolSettings.smb.versions and channelEncryption (";"-separated lists) say what it accepts.',
    fix: 'None: this control is report-only. The only write is FileServices_SetServiceProperties, a PUT of the whole file service document (file.json, 2025-08-01: no PATCH and no If-Match/ETag). The spec does not show that a PUT with only protocolSettings.smb leaves the rest alone: it says of cors that "if no CorsRule elements are included in the request body, all CORS rules will be deleted", and it does not say whether an omitted shareDeleteRetentionPolicy or other smb fields keep their values; a full write-back could lose a concurrent change. To fix by hand: read the file service (az storage account file-service-properties show) and set, alongside its current values, versions "SMB3.1.1" and channelEncryption "AES-256-GCM" (or "AES-128-GCM;AES-256-GCM"), e.g. az storage account file-service-properties update --versions SMB3.1.1 --channel-encryption AES-128-GCM;AES-256-GCM. Coverage: Resource Graph has no rows for file services, so a sweep through Graph does not see them; write events on …/fileServices/default and list sweeps (FileServices_List per account, TRANSIT_WARDEN_SWEEP_SOURCE=list) do.',
    sideEffects: 'None from transit-warden: it only reads the file service (Microsoft.Storage/storageAccounts/fileServices/read). Once the settings are tightened, clients that cannot do SMB 3.1.1 with AES-GCM can no longer mount the shares: Windows 7 / Server 2008 R2 (SMB 2.1), Windows 8 / Server 2012 (SMB 3.0), older Linux kernels whose CIFS client lacks SMB 3.1.1 or AES-GCM, and older macOS or NAS clients. NFS shares are not affected.',
    exemptWhen: 'A share that still serves clients that cannot do SMB 3.1.1 with AES-GCM (a legacy Windows server or appliance) and has a dated plan to replace them, or an account whose shares are reached only over a private endpoint or VPN you accept as the channel\'s protection. Exempt with transit-warden-exempt-until.',
  },
  evaluate: (fileService) => {
    const versions = onlyAllowed(fileService, VERSIONS, SECURE_VERSIONS, 'version');
    return versions.status === 'pass' ? onlyAllowed(fileService, CHANNEL_ENCRYPTION, SECURE_CIPHERS, 'channel encryption') : versions;
  },
});
