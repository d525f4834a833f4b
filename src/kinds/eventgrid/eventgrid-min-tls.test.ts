import { describe, expect, it } from 'vitest';
import control from './eventgrid-min-tls';
import { facts } from './facts';
import { updateOf } from '../facts';
import { controlCases } from '../../../test/helpers/control-cases';
import { eventGridDomain, eventGridTopic, sampleDomain, sampleTopic } from './fixtures';

const fix = { properties: { minimumTlsVersionAllowed: '1.2' } };
const topic = (minimumTlsVersionAllowed: string | undefined) => eventGridTopic({ minimumTlsVersionAllowed });
const domain = (minimumTlsVersionAllowed: string | undefined) => eventGridDomain({ minimumTlsVersionAllowed });

controlCases(control, {
  pass: [
    { name: 'topic: minimumTlsVersionAllowed is "1.2"', document: topic('1.2') },
    { name: 'domain: minimumTlsVersionAllowed is "1.2"', document: domain('1.2') },
    { name: 'topic: a stricter "1.3" (modelAsString) is left alone', document: topic('1.3') },
  ],
  fail: [
    { name: 'topic as the Topics_CreateOrUpdate example returns it: no minimumTlsVersionAllowed', document: sampleTopic(), path: 'properties.minimumTlsVersionAllowed', patch: fix },
    { name: 'domain as the Domains_Get example returns it: no minimumTlsVersionAllowed', document: sampleDomain(), path: 'properties.minimumTlsVersionAllowed', patch: fix },
    { name: 'topic: minimumTlsVersionAllowed is "1.0"', document: topic('1.0'), patch: fix },
    { name: 'topic: minimumTlsVersionAllowed is "1.1"', document: topic('1.1'), patch: fix },
    { name: 'domain: minimumTlsVersionAllowed is "1.1"', document: domain('1.1'), patch: fix },
    { name: 'domain: minimumTlsVersionAllowed uses another service\'s spelling TLS1_2', document: domain('TLS1_2'), patch: fix },
  ],
});

describe('eventgrid-min-tls', () => {
  it('writes only what both update models allow, at the api-version that has the property', () => {
    for (const type of control.resourceTypes) {
      const update = updateOf(facts, type);
      expect(update.method).toBe('PATCH');
      expect(update.apiVersion).toBe('2025-02-15');
      expect(update.writable['properties.minimumTlsVersionAllowed']).toEqual({ enum: ['1.0', '1.1', '1.2'] });
    }
  });

  it('says in its doc how the fix reaches the wire despite the SDK package', () => {
    expect(control.doc.fix).toMatch(/2025-02-15/);
    expect(control.doc.fix).toMatch(/2022-06-15/);
    expect(control.doc.fix).toMatch(/pipeline/);
  });

  it('applies to the types as ARM spells them in the spec examples', () => {
    for (const resource of [sampleTopic(), sampleDomain()]) {
      expect(control.resourceTypes).toContain(resource.type);
    }
  });
});
