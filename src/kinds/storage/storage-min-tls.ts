import { defineControl, SELF } from '../../controls/types';
import { requireOneOf } from '../../controls/expect';
import { STORAGE_ACCOUNT_TYPE, STORAGE_PERMISSIONS } from './shared';

// Storage spells versions as enum names; TLS1_3 is stricter and stays.
const ACCEPTED = ['TLS1_2', 'TLS1_3'] as const;
const FIX = 'TLS1_2';

export default defineControl({
  id: 'storage-min-tls',
  title: 'Storage accounts refuse TLS older than 1.2',
  summary: { resource: 'storage accounts', compliantWhen: '`minimumTlsVersion` TLS1_2 or TLS1_3', fix: 'PATCH `TLS1_2`' },
  recommendations: [
    { appliesTo: 'any', policies: [{ id: 'fe83a0eb-a853-422d-aac2-1bffd182c5d0', displayName: 'Storage accounts should have the specified minimum TLS version' }], assessment: null },
  ],
  resourceTypes: [STORAGE_ACCOUNT_TYPE],
  target: SELF,
  permissions: [...STORAGE_PERMISSIONS],
  defaultMode: 'enforce',
  doc: {
    why: 'Accounts created with older tools or API versions can still accept TLS1_0, and Azure is retiring TLS 1.0/1.1 for Storage. minimumTlsVersion is the oldest protocol the account endpoints accept.',
    fix: 'PATCH the account with {"properties":{"minimumTlsVersion":"TLS1_2"}}. An account on TLS1_3 is compliant and left alone.',
    sideEffects: 'Clients that only negotiate TLS 1.0/1.1 fail to connect: old Storage SDKs on .NET Framework 4.5 without strong crypto, Java 7, AzCopy or Storage Explorer on unpatched Windows 7/Server 2008.',
    exemptWhen: 'A legacy client that cannot do TLS 1.2 still writes to this account and has a retirement date. Check the account logs (TlsVersion field) to confirm it exists before exempting.',
    differsFromPolicy: 'Azure Policy\'s definition wants minimumTlsVersion to equal its parameter (TLS1_2 by default), so it fails TLS1_3; this control passes TLS1_3 as the stricter setting and leaves it alone. A missing value fails both.',
  },
  evaluate: (account) => requireOneOf(account, 'properties.minimumTlsVersion', ACCEPTED, FIX),
  fix: () => ({ properties: { minimumTlsVersion: FIX } }),
  fixPaths: ['properties.minimumTlsVersion'],
});
