import { describe, expect, it } from 'vitest';
import { parseResourceId } from '../src/core/resource-id';
import fc from 'fast-check';
import { looksLikeSecret, maskPatterns, quoteUntrusted, redactDeep, redactSecrets, shownValue, REDACTED } from '../src/redact';

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

describe('redactSecrets, more shapes', () => {
  it.each([
    ['a quoted password', 'Server=tcp:x;Password="a;b c!secret";Database=d', 'b c!secret'],
    ['a braced password', 'Server=x;Pwd={a;b}c;', 'a;b'],
    ['a password quoted inside JSON text', JSON.stringify({ message: 'Password="a;b c!secret";' }), 'b c!secret'],
    ['a JSON field named like a secret', '{"clientSecret":"s3cr3t-value","name":"x"}', 's3cr3t-value'],
    ['a Functions key in a URL', 'GET /api/review?code=abcDEF0123456789xyz&since=2026-11-01', 'abcDEF0123456789xyz'],
    ['basic authorization', 'authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpw'],
    ['credentials in a URL', 'https://bob:hunter2x@example.net/x', 'hunter2x'],
    ['an Entra client secret', `app secret Xy18Q~${'aB3dE'.repeat(7).slice(0, 34)} here`, 'aB3dEaB3dE'],
  ])('masks %s', (_, text, secret) => {
    const result = redactSecrets(text);
    expect(result).toContain(REDACTED);
    expect(result).not.toContain(secret);
  });

  it('keeps the query around a masked ?code= usable, and is idempotent', () => {
    const once = redactSecrets('/api/review?code=abcDEF0123456789xyz&since=2026-11-01');
    expect(once).toBe(`/api/review?${REDACTED}&since=2026-11-01`);
    expect(redactSecrets(once)).toBe(once);
  });

  it('leaves text that only looks long alone: hex digests, record ids, lower-case names, reasons', () => {
    for (const text of [
      'a3f5'.repeat(16),
      'record 5f0c2d3e4a5b4c6d8e7f90a1b2c3d4e5 was undone',
      '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Web/sites/contososhopfrontendproductionwesteurope01',
      'properties.ftpsState is "AllAllowed", expected FtpsOnly or Disabled; set properties.ftpsState = "FtpsOnly"',
      'TRANSIT_WARDEN_CONTROL_MODES=storage-min-tls=report,redis-ssl-only=dry-run',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  // Each pattern against input built to make a backtracking engine retry every length from every
  // start. Linear patterns finish these in milliseconds; a quadratic one takes seconds to minutes.
  it.each([
    ['word runs before =', 'Passwordx'.repeat(8_000)],
    ['unclosed quotes', 'Password="'.repeat(7_000)],
    ['unclosed braces', 'Pwd={'.repeat(14_000)],
    ['JWT starts without dots', 'eyJ-'.repeat(17_500)],
    ['JSON keys without values', '"token":'.repeat(9_000)],
    ['URL schemes without @', '://a:b'.repeat(12_000)],
    ['almost-client-secrets', 'abc1Q~'.repeat(12_000)],
    ['base64 runs just short of a key', `${'A'.repeat(39)}/`.repeat(1_800)],
    ['connection-string pairs', 'a=b;'.repeat(18_000)],
  ])('runs in linear time on %s', (_, text) => {
    const started = performance.now();
    redactSecrets(text);
    looksLikeSecret(text);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('looksLikeSecret and shownValue', () => {
  it('tells credentials and connection strings from ordinary setting values', () => {
    expect(looksLikeSecret('DefaultEndpointsProtocol=https;AccountName=stx;EndpointSuffix=core.windows.net')).toBe(true);
    expect(looksLikeSecret(`key ${ACCOUNT_KEY}`)).toBe(true);
    for (const value of ['enforce', 'storage-min-tls=report,redis-ssl-only=dry-run', '0 0 */6 * * *', 'https://tw.westeurope-1.eventgrid.azure.net/api/events', '00000000-0000-0000-0000-0000000000aa']) {
      expect(looksLikeSecret(value), value).toBe(false);
    }
  });

  it('quotes an ordinary value and names, without showing, a secret-looking one', () => {
    expect(shownValue('verbose')).toBe('got "verbose"');
    expect(shownValue(`AccountKey=${ACCOUNT_KEY}`)).toBe('the value looks like a secret/connection string; not shown');
  });
});

describe('redactDeep (log arguments)', () => {
  it('masks strings at any depth and values under secret-named keys, keeping the shape', () => {
    const input = { note: `see ${ACCOUNT_KEY}`, nested: [{ password: 'short', keyVaultName: 'kv-1', tokens: 3 }], count: 2, when: new Date('2026-11-23T00:00:00Z') };
    expect(redactDeep(input)).toEqual({ note: `see ${REDACTED}`, nested: [{ password: REDACTED, keyVaultName: 'kv-1', tokens: 3 }], count: 2, when: '2026-11-23T00:00:00.000Z' });
  });

  it('turns errors into their type, message and stack, masked, with their own fields', () => {
    const err = Object.assign(new Error(`failed with sig=abcDEF123`), { statusCode: 403 });
    const out = redactDeep(err) as Record<string, unknown>;
    expect(out).toMatchObject({ type: 'Error', message: `failed with ${REDACTED}`, statusCode: 403 });
    expect(String(out.stack)).not.toContain('abcDEF123');
  });

  it('ends cycles and very deep nesting with a marker instead of overflowing', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    expect(redactDeep(cyclic)).toEqual({ name: 'a', self: '[Circular]' });
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 50; i += 1) deep = { child: deep };
    expect(JSON.stringify(redactDeep(deep))).toContain('[too deep]');
    // A value shared by two branches is not a cycle.
    const shared = { v: 1 };
    expect(redactDeep({ a: shared, b: shared })).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });
});

describe('the pre-check', () => {
  // redactSecrets skips the patterns for text the pre-check calls clean: it must never call clean
  // text that a pattern would change. Strings are built from the pieces the patterns look for
  // (and a mutation test of each pre-check clause showed every one of them is needed here).
  it('never skips text the patterns would mask', () => {
    const pieces = ['AccountKey', 'Password', 'sig', 'code', '=', '"', "'", ':', '{', '}', ';', '&', '?', ' ', '/', '://', '@', 'Q~', '8', 'eyJ', '.', 'Bearer',
      'authorization', 'Basic', 'aB3', 'x', '==', '+', 'token', '-', '_', 'abc8Q~', 'aB3dEfGhIjK0', 'eyJhbGciOiJIUzI1', 'c2lnbmF0dXJl',
      // whole minimal shapes, so a pre-check missing one of them is found, cut apart by the rest
      '://u:p@', 'eyJhbGciOiJIUzI1.c2lnbmF0dXJl.x', 'Secret":"v"', 'Authorization: Basic dXNl'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), fc.integer({ min: 0, max: 60 }), (parts, repeat) => {
        const text = parts.join('') + 'aB3'.repeat(repeat % 3 === 0 ? repeat : 0);
        expect(redactSecrets(text)).toBe(maskPatterns(text));
      }),
      { numRuns: 5_000, seed: 16 },
    );
  });
});
