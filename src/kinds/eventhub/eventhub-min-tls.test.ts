import control from './eventhub-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { eventHubNamespace } from '../../../test/fixtures/arm-databases-messaging';

const fix = { properties: { minimumTlsVersion: '1.2' } };
const namespace = (minimumTlsVersion: string | null | undefined) => eventHubNamespace({ minimumTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimumTlsVersion is "1.2"', document: namespace('1.2') },
    { name: 'minimumTlsVersion is the stricter "1.3"', document: namespace('1.3') },
  ],
  fail: [
    { name: 'minimumTlsVersion is "1.0"', document: namespace('1.0'), path: 'properties.minimumTlsVersion', patch: fix },
    { name: 'minimumTlsVersion is "1.1"', document: namespace('1.1'), patch: fix },
    { name: 'minimumTlsVersion is absent', document: namespace(undefined), patch: fix },
    { name: 'minimumTlsVersion uses the storage spelling TLS1_2', document: namespace('TLS1_2'), patch: fix },
  ],
});
