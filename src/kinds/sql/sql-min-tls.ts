import { requireOneOf } from '../../controls/expect';
import { defineControl, SELF } from '../../controls/types';

export default defineControl({
  id: 'sql-min-tls',
  title: 'Azure SQL logical servers accept only TLS 1.2 or newer',
  summary: { resource: 'Azure SQL logical servers', compliantWhen: '`minimalTlsVersion` 1.2 or 1.3', fix: 'PATCH (long-running; completion read off the server, see Safety model)' },
  recommendations: [
    { appliesTo: 'any', policies: [{ id: '32e6bbec-16b6-44c2-be37-c5b672d103cf', displayName: 'Azure SQL Database should be running TLS version 1.2 or newer' }], assessment: { key: '8e9a37b9-2828-4c8f-a24e-7b0ab0e89c78', displayName: 'Azure SQL Database should be running TLS version 1.2 or newer' } },
  ],
  resourceTypes: ['Microsoft.Sql/servers'],
  target: SELF,
  permissions: ['Microsoft.Sql/servers/read', 'Microsoft.Sql/servers/write'],
  defaultMode: 'enforce',
  doc: {
    why: 'A server whose minimalTlsVersion is absent, "None", "1.0" or "1.1" accepts TDS connections over TLS 1.0/1.1 (servers created before 2020 often have no value at all), so a client or an attacker in the middle can negotiate a protocol with known weaknesses.',
    fix: 'PATCH the server with {"properties":{"minimalTlsVersion":"1.2"}}; Servers_Update is long-running and the writer waits for it. "1.3" is stricter and left alone. Applies to every database and elastic pool on the server; no restart.',
    sideEffects: 'Logins over TLS 1.0/1.1 fail ("Error 47072: Login failed with invalid TLS version"): old ODBC/OLE DB drivers, SQL Server Management Studio before 17.x on old Windows, Java 7 clients. Connections already open are not dropped.',
    exemptWhen: 'An application whose driver cannot do TLS 1.2 and cannot be upgraded before a dated migration; name the application and the date.',
  },
  evaluate: (server) => requireOneOf(server, 'properties.minimalTlsVersion', ['1.2', '1.3'], '1.2'),
  fix: () => ({ properties: { minimalTlsVersion: '1.2' } }),
  fixPaths: ['properties.minimalTlsVersion'],
});
