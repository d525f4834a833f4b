import control from './sql-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { sampleSqlServer, sqlServer } from '../../../test/fixtures/arm-databases-messaging';

const fix = { properties: { minimalTlsVersion: '1.2' } };
const server = (minimalTlsVersion: string | null | undefined) => sqlServer({ minimalTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimalTlsVersion is "1.2"', document: server('1.2') },
    { name: 'minimalTlsVersion is the stricter "1.3"', document: server('1.3') },
  ],
  fail: [
    { name: 'the Servers_Update example has no minimalTlsVersion at all', document: sampleSqlServer(), path: 'properties.minimalTlsVersion', patch: fix },
    { name: 'minimalTlsVersion is "None", which accepts every version', document: server('None'), patch: fix },
    { name: 'minimalTlsVersion is "1.0"', document: server('1.0'), patch: fix },
    { name: 'minimalTlsVersion is "1.1"', document: server('1.1'), patch: fix },
    { name: 'minimalTlsVersion is null', document: server(null), patch: fix },
  ],
});
