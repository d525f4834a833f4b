import { defineControl, SELF } from '../../controls/types';
import { requireValue } from '../../controls/expect';
import { STORAGE_ACCOUNT_TYPE, STORAGE_PERMISSIONS } from './shared';

export default defineControl({
  id: 'storage-https-only',
  title: 'Storage accounts refuse plain-HTTP requests',
  summary: { resource: 'storage accounts', compliantWhen: '`supportsHttpsTrafficOnly = true`', fix: 'PATCH' },
  recommendations: [
    { appliesTo: 'any', policies: [{ id: '404c3081-a854-4457-ae30-26a93ef643f9', displayName: 'Secure transfer to storage accounts should be enabled' }], assessment: { key: '1c5de8e1-f68d-6a17-e0d2-ec259c42768c', displayName: 'Secure transfer to storage accounts should be enabled' } },
  ],
  resourceTypes: [STORAGE_ACCOUNT_TYPE],
  target: SELF,
  permissions: [...STORAGE_PERMISSIONS],
  defaultMode: 'enforce',
  doc: {
    why: 'Without secure transfer the blob, file, queue and table endpoints accept http:// requests, exposing data, shared-key signatures and SAS tokens on the network. Azure Files over SMB also stops requiring encryption.',
    fix: 'PATCH the account with {"properties":{"supportsHttpsTrafficOnly":true}}. The JavaScript SDK names this property enableHttpsTrafficOnly; on the wire and in GET responses it is supportsHttpsTrafficOnly.',
    sideEffects: 'Requests over http:// are refused: SAS URLs issued with http, apps configured with http connection strings, and custom-domain setups that map a domain straight to the blob endpoint without HTTPS (use Front Door or CDN). SMB 2.1 and SMB 3.x without encryption fail.',
    exemptWhen: 'A static-website or blob custom domain that must still serve http:// while a CDN or Front Door is put in front of it, or an NFS 3.0 account, which needs secure transfer off. Record which one.',
    differsFromPolicy: 'Azure Policy fails a missing supportsHttpsTrafficOnly only for requests at api-versions before 2019-04-01 (the default has been true since); this control judges what a GET returns, and fails a document without the property.',
  },
  evaluate: (account) => requireValue(account, 'properties.supportsHttpsTrafficOnly', true),
  fix: () => ({ properties: { supportsHttpsTrafficOnly: true } }),
  fixPaths: ['properties.supportsHttpsTrafficOnly'],
});
