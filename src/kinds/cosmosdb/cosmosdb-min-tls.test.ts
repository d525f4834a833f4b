import control from './cosmosdb-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { cosmosAccount } from '../../../test/fixtures/arm-databases-messaging';

const fix = { properties: { minimalTlsVersion: 'Tls12' } };
const account = (minimalTlsVersion: string | null | undefined) => cosmosAccount({ minimalTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimalTlsVersion is Tls12', document: account('Tls12') },
    { name: 'minimalTlsVersion is the stricter Tls13', document: account('Tls13') },
  ],
  fail: [
    { name: 'minimalTlsVersion is Tls (TLS 1.0), as on older accounts', document: account('Tls'), path: 'properties.minimalTlsVersion', patch: fix },
    { name: 'minimalTlsVersion is Tls11', document: account('Tls11'), patch: fix },
    { name: 'minimalTlsVersion is absent', document: account(undefined), patch: fix },
    { name: 'minimalTlsVersion uses the SQL spelling "1.2"', document: account('1.2'), patch: fix },
  ],
});
