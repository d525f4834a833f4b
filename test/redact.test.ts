import { describe, expect, it } from 'vitest';
import { parseResourceId } from '../src/azure/resource-id';
import { quoteUntrusted, redactSecrets } from '../src/redact';

const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

describe('redactSecrets', () => {
  it.each([
    ['a storage connection string', `DefaultEndpointsProtocol=https;AccountName=stx;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`],
    ['a SAS URL', 'https://stx.blob.core.windows.net/c?sv=2022-11-02&sig=abcDEF123%2Bxyz%3D&se=2026-12-01'],
    ['a bearer token', 'Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJl'],
    ['a bare JWT', 'token eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJl here'],
    ['a bare account key', `key ${ACCOUNT_KEY}`],
  ])('masks %s', (_, text) => {
    const result = redactSecrets(text);
    expect(result).toContain('[redacted]');
    expect(result).not.toMatch(/Eby8vdM0|abcDEF123|eyJhdWQi|c2lnbmF0dXJl/);
  });

  it('leaves ordinary resource ids and reasons alone', () => {
    const id = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-shop/providers/Microsoft.Web/sites/contoso-shop/config/web';
    expect(redactSecrets(id)).toBe(id);
    const plain = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rgshopdataprimary/providers/Microsoft/sites/contososhopfrontendproduction';
    expect(redactSecrets(plain)).toBe(plain);
    expect(redactSecrets('properties.minTlsVersion is "1.0", expected "1.2"')).toBe('properties.minTlsVersion is "1.0", expected "1.2"');
  });

  it('keeps secrets out of resource id errors that quote the input', () => {
    expect(() => parseResourceId(`/subscriptions/x/AccountKey=${ACCOUNT_KEY}`)).toThrowError(expect.objectContaining({ message: expect.not.stringContaining('Eby8vdM0') }));
  });

  it('masks a padded key inside a longer base64-and-slash run, and an unpadded key between slashes', () => {
    expect(redactSecrets(`a/${'b'.repeat(10)}/${ACCOUNT_KEY}`)).toBe('[redacted]');
    const unpadded = ACCOUNT_KEY.replace(/[/=]/g, '');
    expect(redactSecrets(`/x/${unpadded}/y`)).toBe('/x/[redacted]/y');
  });
});

describe('quoteUntrusted', () => {
  it('masks a secret near the end of the shown text before cutting', () => {
    expect(quoteUntrusted(`${'x-'.repeat(15)} key ${ACCOUNT_KEY}`, 50)).toBe(`${'x-'.repeat(15)} key [redacted]`);
    expect(quoteUntrusted(`${'x-'.repeat(30)} key ${ACCOUNT_KEY}`, 50)).toBe(`${'x-'.repeat(25)}…`);
  });

  it('quotes a field of 70,000 characters by its first characters and an ellipsis', () => {
    expect(quoteUntrusted('x-'.repeat(35_000), 120)).toBe(`${'x-'.repeat(60)}…`);
    // A run long enough to be a key (mixed case and digits, as random keys are) is masked, not shown in part.
    expect(quoteUntrusted('aB3'.repeat(23_000), 120)).toBe('[redacted]');
    // One letter repeated is not a key: it is shown, cut.
    expect(quoteUntrusted('x'.repeat(70_000), 120)).toBe(`${'x'.repeat(120)}…`);
  });

  it('leaves short text whole', () => {
    expect(quoteUntrusted('rg-shop', 200)).toBe('rg-shop');
  });
});
