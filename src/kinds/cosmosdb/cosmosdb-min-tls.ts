import { requireOneOf } from '../../controls/expect';
import { defineControl, SELF } from '../../controls/types';

export default defineControl({
  id: 'cosmosdb-min-tls',
  title: 'Cosmos DB accounts accept only TLS 1.2 or newer',
  summary: { resource: 'Cosmos DB accounts', compliantWhen: '`minimalTlsVersion` Tls12 or Tls13', fix: 'PATCH (long-running)' },
  recommendations: [],
  resourceTypes: ['Microsoft.DocumentDB/databaseAccounts'],
  target: SELF,
  permissions: [
    'Microsoft.DocumentDB/databaseAccounts/read',
    'Microsoft.DocumentDB/databaseAccounts/write',
    // DatabaseAccounts_Update is long-running: status at …/locations/{l}/operationsStatus/{id}, the
    // end result at {account}/operationResults/{id}.
    'Microsoft.DocumentDB/locations/operationsStatus/read',
    'Microsoft.DocumentDB/databaseAccounts/operationResults/read',
  ],
  defaultMode: 'enforce',
  doc: {
    why: 'Accounts with minimalTlsVersion "Tls" or "Tls11" (the value of accounts created before TLS 1.2 became the default) accept TLS 1.0/1.1 on the data plane, so requests carrying keys or tokens can be negotiated down to protocols with known weaknesses.',
    fix: 'PATCH the account with {"properties":{"minimalTlsVersion":"Tls12"}}; DatabaseAccounts_Update is long-running and slow (minutes on large multi-region accounts); the writer polls until it ends. "Tls13" is stricter and left alone.',
    sideEffects: 'SDKs and drivers that cannot negotiate TLS 1.2 (old .NET Framework defaults, Java 7, old MongoDB drivers) can no longer connect. The update touches only this property; no failover, no downtime.',
    exemptWhen: 'A client stuck on TLS 1.0/1.1 that is being replaced by a dated migration; name it in the reason and set an until date.',
  },
  evaluate: (account) => requireOneOf(account, 'properties.minimalTlsVersion', ['Tls12', 'Tls13'], 'Tls12'),
  fix: () => ({ properties: { minimalTlsVersion: 'Tls12' } }),
  fixPaths: ['properties.minimalTlsVersion'],
});
