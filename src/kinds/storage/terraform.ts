import type { Json } from '../../core/json';
import type { TerraformMapping } from '../../templates/terraform-mapping';
import { STORAGE_ACCOUNT_TYPE } from './shared';

const DOCS = 'storage_account.html.markdown';

/** The provider's set of names (`["SMB3.1.1"]`) as ARM's ";"-separated string ("SMB3.1.1"). */
const joined = (value: Json): Json => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join(';') : value);

/** azurerm_storage_account (docs read at azurerm 4.x and 5.0: both state these defaults). */
export const terraform: readonly TerraformMapping[] = [
  {
    shape: 'resource',
    resourceType: 'azurerm_storage_account',
    armType: STORAGE_ACCOUNT_TYPE,
    docs: DOCS,
    attributes: [
      {
        attribute: 'https_traffic_only_enabled',
        formerly: ['enable_https_traffic_only'],
        target: 'self',
        property: 'properties.supportsHttpsTrafficOnly',
        default: { value: true, source: `${DOCS}: https_traffic_only_enabled "Defaults to \`true\`"` },
      },
      {
        attribute: 'min_tls_version',
        target: 'self',
        property: 'properties.minimumTlsVersion',
        default: { value: 'TLS1_2', source: `${DOCS}: min_tls_version "Defaults to \`TLS1_2\` for new storage accounts"`, onCreateOnly: true },
      },
      // share_properties.smb is the account's fileServices/default document (storage-smb-secure judges
      // it as its own resource). The docs state no default for either set: an unset one is unknown.
      { attribute: 'share_properties.smb.versions', target: 'fileServices/default', property: 'properties.protocolSettings.smb.versions', translate: joined },
      { attribute: 'share_properties.smb.channel_encryption_type', target: 'fileServices/default', property: 'properties.protocolSettings.smb.channelEncryption', translate: joined },
    ],
  },
];
