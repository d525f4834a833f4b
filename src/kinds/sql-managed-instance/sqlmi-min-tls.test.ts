import control from './sqlmi-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { managedInstance, sampleManagedInstance } from './fixtures';

const fix = { properties: { minimalTlsVersion: '1.2' } };
const instance = (minimalTlsVersion: string | null | undefined) => managedInstance({ minimalTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimalTlsVersion is "1.2" as in the ManagedInstances_Update example', document: sampleManagedInstance() },
    { name: 'minimalTlsVersion is the stricter "1.3" (a later api-version) and is left alone', document: instance('1.3') },
  ],
  fail: [
    { name: 'minimalTlsVersion is "None", which accepts every version', document: instance('None'), path: 'properties.minimalTlsVersion', patch: fix },
    { name: 'minimalTlsVersion is "1.0"', document: instance('1.0'), patch: fix },
    { name: 'minimalTlsVersion is "1.1"', document: instance('1.1'), patch: fix },
    { name: 'minimalTlsVersion is absent (instances created before the setting existed)', document: instance(undefined), patch: fix },
    { name: 'minimalTlsVersion is null', document: instance(null), patch: fix },
  ],
});
