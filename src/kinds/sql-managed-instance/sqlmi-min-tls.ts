import { requireOneOf } from '../../controls/expect';
import { defineControl, SELF } from '../../controls/types';

// 2021-11-01 allows 'None', '1.0', '1.1', '1.2'; a "1.3" set through a later api-version is stricter and stays.
const ACCEPTED = ['1.2', '1.3'] as const;
const FIX = '1.2';

export default defineControl({
  id: 'sqlmi-min-tls',
  title: 'Azure SQL Managed Instances accept only TLS 1.2 or newer',
  summary: { resource: 'Azure SQL Managed Instances', compliantWhen: '`minimalTlsVersion` 1.2 or newer', fix: 'PATCH (long-running, can take minutes; completion read off the instance, see Safety model)' },
  recommendations: [
    { appliesTo: 'any', policies: [{ id: 'a8793640-60f7-487c-b5c3-1d37215905c4', displayName: 'SQL Managed Instance should have the minimal TLS version of 1.2' }], assessment: null },
  ],
  resourceTypes: ['Microsoft.Sql/managedInstances'],
  target: SELF,
  permissions: ['Microsoft.Sql/managedInstances/read', 'Microsoft.Sql/managedInstances/write'],
  defaultMode: 'enforce',
  doc: {
    why: 'A managed instance whose minimalTlsVersion is absent, "None", "1.0" or "1.1" accepts TDS logins over TLS 1.0/1.1 (on its VNet-local endpoint and, when enabled, its public data endpoint on port 3342), so a client or an attacker in the middle can negotiate a protocol with known weaknesses.',
    fix: 'PATCH the instance with {"properties":{"minimalTlsVersion":"1.2"}}. ManagedInstances_Update is long-running and, behind any other management operation queued on the instance, can take many minutes; the writer waits for the instance to show the value, at most 10 minutes, after which the record says the fix is unverified and the next evaluation confirms it. No restart and no failover; sku, vCores and storage are not touched.',
    sideEffects: 'New logins over TLS 1.0/1.1 fail for every database on the instance: old ODBC/OLE DB drivers, SQL Server Management Studio before 17.x on old Windows, Java 7 clients, linked servers or SSIS packages on old SQL Server hosts. Connections already open are not dropped. While the update runs, other management operations on the instance (scaling, storage changes) wait or are refused with ManagedInstanceOperationInProgress.',
    exemptWhen: 'An application or linked server whose driver cannot do TLS 1.2 and cannot be upgraded before a dated migration; name it and the date.',
    differsFromPolicy: 'Azure Policy\'s audit definition wants minimalTlsVersion to equal "1.2", so it would fail a "1.3" set through a later api-version; this control passes "1.3" as the stricter setting and leaves it alone. A missing value fails both.',
  },
  evaluate: (instance) => requireOneOf(instance, 'properties.minimalTlsVersion', ACCEPTED, FIX),
  fix: () => ({ properties: { minimalTlsVersion: FIX } }),
  fixPaths: ['properties.minimalTlsVersion'],
});
