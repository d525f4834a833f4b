import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourceGroup, site, siteConfig, siteId, storageAccount, storageAccountId, webApp } from '../fixtures/arm';
import { runCli } from '../helpers/cli';
import { authSettingsV2 } from '../../src/kinds/appservice/fixtures';

const REASON = 'Backup appliance only speaks TLS 1.0 until PRJ-77';
const json = (value: unknown) => JSON.stringify(value);

describe('transit-warden check', () => {
  it('exits 0 and reports pass when every control passes', async () => {
    const result = await runCli(['check', '-', '--format', 'json'], json(storageAccount({ supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2' })));
    expect(result.code).toBe(0);
    const { results } = JSON.parse(result.stdout);
    expect(results).toEqual([
      expect.objectContaining({ resourceId: storageAccountId(), resourceType: 'Microsoft.Storage/storageAccounts', control: 'storage-https-only', status: 'pass' }),
      expect.objectContaining({ control: 'storage-min-tls', status: 'pass' }),
    ]);
  });

  it('exits 1 with path, actual and expected for each failing control', async () => {
    const result = await runCli(['check', '--format', 'json'], json([storageAccount({ minimumTlsVersion: 'TLS1_0' })]));
    expect(result.code).toBe(1);
    const failing = JSON.parse(result.stdout).results.find((r: { control: string }) => r.control === 'storage-min-tls');
    expect(failing).toEqual({
      resourceId: storageAccountId(), resourceType: 'Microsoft.Storage/storageAccounts', control: 'storage-min-tls', status: 'fail',
      path: 'properties.minimumTlsVersion', actual: 'TLS1_0', expected: expect.anything(), reason: expect.any(String),
    });
  });

  it('reads {value:[…]} as list calls and Resource Graph return it, from a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-check-'));
    const file = path.join(dir, 'list.json');
    writeFileSync(file, json({ value: [storageAccount({ supportsHttpsTrafficOnly: false })] }));
    const result = await runCli(['check', file, '--format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).results.find((r: { control: string }) => r.control === 'storage-https-only').status).toBe('fail');
  });

  it('evaluates a site together with its config/web object', async () => {
    const app = webApp({ httpsOnly: true, clientCertEnabled: true }, { minTlsVersion: '1.0', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' });
    const result = await runCli(['check', '--format', 'json'], json([...app, authSettingsV2(siteId(), true)]));
    const results = JSON.parse(result.stdout).results as { control: string; status: string; resourceId: string }[];
    expect(Object.fromEntries(results.map((r) => [r.control, r.status]))).toEqual({
      'appservice-https-only': 'pass', 'appservice-min-tls': 'fail', 'appservice-scm-min-tls': 'pass', 'appservice-ftps-only': 'pass', 'appservice-client-cert': 'pass',
      'appservice-auth-require-https': 'pass',
    });
    expect(new Set(results.map((r) => r.resourceId))).toEqual(new Set([siteId()]));
    expect(result.code).toBe(1);
  });

  it('fails an authsettingsV2 document with requireHttps false, and says when none was supplied', async () => {
    const app = webApp({ httpsOnly: true, clientCertEnabled: true }, { ftpsState: 'FtpsOnly' });
    const failing = await runCli(['check', '--format', 'json'], json([...app, authSettingsV2(siteId(), false)]));
    expect(JSON.parse(failing.stdout).results.find((r: { control: string }) => r.control === 'appservice-auth-require-https')).toMatchObject({
      status: 'fail', path: 'properties.httpSettings.requireHttps', actual: false, expected: true,
    });
    expect(failing.code).toBe(1);
    const missing = await runCli(['check', '--format', 'json'], json(app));
    expect(JSON.parse(missing.stdout).results.find((r: { control: string }) => r.control === 'appservice-auth-require-https')).toMatchObject({
      status: 'error', reason: expect.stringContaining('config/authsettingsV2'),
    });
    expect(missing.code).toBe(2);
  });

  it('says a site GET alone cannot show TLS settings, instead of calling them noncompliant', async () => {
    const result = await runCli(['check', '--format', 'json'], json(site({ httpsOnly: true })));
    const minTls = JSON.parse(result.stdout).results.find((r: { control: string }) => r.control === 'appservice-min-tls');
    expect(minTls.status).toBe('error');
    expect(minTls.reason).toMatch(/config\/web/);
    expect(result.code).toBe(2);
  });

  it('exits 0 when the only findings are exempt, honouring resource-group tags', async () => {
    const rg = resourceGroup({ tags: { 'transit-warden-exempt': 'storage-min-tls', 'transit-warden-exempt-reason': REASON } });
    const result = await runCli(['check', '--format', 'json'], json([rg, storageAccount({ minimumTlsVersion: 'TLS1_0' })]));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).results.find((r: { control: string }) => r.control === 'storage-min-tls')).toMatchObject({ status: 'exempt', reason: expect.stringContaining(REASON) });
  });

  it.each([
    ['text that is not JSON', '{"id": '],
    ['an empty input', '   '],
    ['an array holding a string', '["x"]'],
    ['an object without an id', json({ type: 'Microsoft.Storage/storageAccounts', properties: {} })],
  ])('exits 2 with a clear message for %s', async (_, input) => {
    const result = await runCli(['check', '--format', 'json'], input);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/transit-warden: .+\[INVALID_INPUT\]/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for a traversal id, reporting that object as error and writing nothing anywhere', async () => {
    const traversal = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/../x';
    const result = await runCli(['check', '--format', 'json'], json({ id: traversal, type: 'Microsoft.Storage/storageAccounts' }));
    expect(result.code).toBe(2);
    const results = (JSON.parse(result.stdout) as { results: { resourceId: string; status: string; reason: string }[] }).results;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r).toMatchObject({ resourceId: traversal, status: 'error', reason: expect.stringContaining('path traversal') });
  });

  it('reads JSON that starts with a UTF-8 byte-order mark (PowerShell Out-File), from a file and from stdin', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-check-'));
    const file = path.join(dir, 'bom.json');
    const text = json([storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    for (const result of [await runCli(['check', file, '--format', 'json']), await runCli(['check', '-', '--format', 'json'], `\uFEFF${text}`)]) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).results.find((r: { control: string }) => r.control === 'storage-min-tls').status).toBe('fail');
    }
  });

  it('exits 2 for a file that does not exist', async () => {
    const result = await runCli(['check', '/nonexistent/estate.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read/);
  });

  it('prints a readable table by default', async () => {
    const result = await runCli(['check'], json([storageAccount({ minimumTlsVersion: 'TLS1_1' }), siteConfig({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' }), authSettingsV2(siteId(), true)]));
    expect(result.stdout).toMatch(/STATUS\s+CONTROL\s+RESOURCE\s+DETAIL/);
    expect(result.stdout).toMatch(/FAIL\s+storage-min-tls\s+stcontoso001\s/);
    expect(result.stdout).toMatch(/\d+ pass, 1 fail, 0 exempt, 0 error/);
  });
});

describe('transit-warden controls and --help', () => {
  it('lists the catalog as JSON with permissions and default modes', async () => {
    const result = await runCli(['controls', '--format', 'json']);
    expect(result.code).toBe(0);
    const { controls } = JSON.parse(result.stdout);
    expect(controls.find((c: { id: string }) => c.id === 'appservice-client-cert')).toMatchObject({ defaultMode: 'report', resourceTypes: ['Microsoft.Web/sites', 'Microsoft.Web/sites/slots'] });
    expect(controls.every((c: { permissions: string[] }) => c.permissions.length > 0)).toBe(true);
    // Azure Policy definition ids and Defender assessment keys, per kind of site.
    expect(controls.find((c: { id: string }) => c.id === 'appservice-https-only').recommendations).toEqual(expect.arrayContaining([
      expect.objectContaining({
        appliesTo: 'function app',
        policyDefinitionIds: ['/providers/Microsoft.Authorization/policyDefinitions/6d555dd1-86f2-4f1c-8ed7-5abae7c6cbab'],
        assessment: { key: 'cb0acdc6-0846-fd48-debe-9905af151b6d', displayName: 'Function App should only be accessible over HTTPS' },
      }),
    ]));
    expect(controls.find((c: { id: string }) => c.id === 'cosmosdb-min-tls').recommendations).toEqual([]);
  });

  it('prints help and exits 0; an unknown command exits 2', async () => {
    expect((await runCli(['--help'])).stdout).toMatch(/check.*sandbox/s);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });
});
