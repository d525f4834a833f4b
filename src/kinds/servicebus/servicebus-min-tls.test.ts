import { describe, expect, it } from 'vitest';
import control from './servicebus-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { sampleServiceBusNamespace, serviceBusNamespace } from '../../../test/fixtures/arm-databases-messaging';

const fix = { properties: { minimumTlsVersion: '1.2' } };
const namespace = (minimumTlsVersion: string | null | undefined) => serviceBusNamespace({ minimumTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimumTlsVersion is "1.2"', document: namespace('1.2') },
    { name: 'minimumTlsVersion is the stricter "1.3"', document: namespace('1.3') },
  ],
  fail: [
    { name: 'minimumTlsVersion is "1.1" as in the Namespaces_Update example', document: sampleServiceBusNamespace(), path: 'properties.minimumTlsVersion', patch: fix },
    { name: 'minimumTlsVersion is "1.0"', document: namespace('1.0'), patch: fix },
    { name: 'minimumTlsVersion is absent, as a 2021-11-01 read would show it', document: namespace(undefined), patch: fix },
  ],
});

describe('servicebus-min-tls', () => {
  it('documents how the fix reaches the wire despite the SDK model', () => {
    expect(control.doc.fix).toMatch(/2024-01-01/);
    expect(control.doc.fix).toMatch(/sendRequest/);
    // The write-back by PUT (DESIGN's one exception) is stated, not hidden behind "PATCH".
    expect(control.doc.fix).toMatch(/PUT \(Namespaces_CreateOrUpdate\)/);
  });

  it('applies to the type as ARM spells it in responses, Microsoft.ServiceBus/Namespaces', () => {
    expect(sampleServiceBusNamespace().type).toBe('Microsoft.ServiceBus/Namespaces');
    expect(control.resourceTypes.some((t) => t.toLowerCase() === 'microsoft.servicebus/namespaces')).toBe(true);
  });
});
