import { describe, expect, it } from 'vitest';
import { describePatch, leafPaths, objectAt, valuesAt } from '../../src/engine/patches';

describe('patch helpers', () => {
  it('lists the leaf paths a PATCH body sets', () => {
    expect(leafPaths({ properties: { minTlsVersion: '1.2', ftpsState: 'FtpsOnly' } })).toEqual(['properties.minTlsVersion', 'properties.ftpsState']);
  });

  it('reads the before-values in the patch shape, null where absent, so before is itself a PATCH body', () => {
    const document = { id: 'x', properties: { minTlsVersion: '1.0', other: 1 } };
    expect(valuesAt(document, { properties: { minTlsVersion: '1.2', ftpsState: 'FtpsOnly' } })).toEqual({ properties: { minTlsVersion: '1.0', ftpsState: null } });
  });

  it('builds a nested object for one dotted path', () => {
    expect(objectAt('properties.httpsOnly', false)).toEqual({ properties: { httpsOnly: false } });
  });

  it('describes a patch for people', () => {
    expect(describePatch({ properties: { httpsOnly: true, minTlsVersion: '1.2' } })).toBe('properties.httpsOnly=true, properties.minTlsVersion="1.2"');
  });
  it('reads and describes keys that hold dots (API Management customProperties) as the keys they are', () => {
    const key = 'Microsoft.WindowsAzure.ApiManagement.Gateway.Security.Protocols.Tls10';
    const document = { id: 'x', type: 't', properties: { customProperties: { [key]: 'True', other: 'x' } } };
    const patch = { properties: { customProperties: { [key]: 'false', missing: 'false' } } };
    expect(valuesAt(document, patch)).toEqual({ properties: { customProperties: { [key]: 'True', missing: null } } });
    expect(describePatch(patch)).toBe(`properties.customProperties.${key}="false", properties.customProperties.missing="false"`);
  });
});
