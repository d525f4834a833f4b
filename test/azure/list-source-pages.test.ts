/**
 * The list source against ARM answers the emulator does not give: lists split over several pages
 * (nextLink), and a site deleted between the sites list and its slot/config reads.
 */
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { ListSource } from '../../src/azure/list-source';
import { catalog } from '../../src/controls';

const SUB = '00000000-0000-0000-0000-0000000000aa';
const ARM = 'https://arm.test';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const base = `/subscriptions/${SUB}/resourceGroups/rg/providers`;
const account = (name: string) => ({ id: `${base}/Microsoft.Storage/storageAccounts/${name}`, name, type: 'Microsoft.Storage/storageAccounts', location: 'westus', properties: { supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' } });
const site = (name: string) => ({ id: `${base}/Microsoft.Web/sites/${name}`, name, type: 'Microsoft.Web/sites', location: 'westus', properties: { httpsOnly: false } });
const cache = (name: string) => ({ id: `${base}/Microsoft.Cache/Redis/${name}`, name, type: 'Microsoft.Cache/Redis', location: 'westus', properties: { enableNonSslPort: true } });
const config = (path: string) => ({ id: path, name: 'web', type: 'Microsoft.Web/sites/config', properties: { minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' } });
const authSettings = (path: string) => ({ id: path, name: 'authsettingsV2', type: 'Microsoft.Web/sites/config', properties: { platform: { enabled: false }, httpSettings: { requireHttps: true } } });

function reply(request: PipelineRequest, status: number, body: unknown): PipelineResponse {
  return { request, status, headers: createHttpHeaders({ 'content-type': 'application/json' }), bodyAsText: JSON.stringify(body) };
}

/** Every list in two pages; `gone` sites answer 404 to anything below them. */
function pagedArm(gone: readonly string[] = []): HttpClient {
  return {
    sendRequest: async (request) => {
      const url = new URL(request.url);
      const path = url.pathname.toLowerCase();
      const second = url.searchParams.get('page') === '2';
      const next = `${ARM}${url.pathname}?api-version=${url.searchParams.get('api-version')}&page=2`;
      const twoPages = (first: unknown, then: unknown) => reply(request, 200, second ? { value: [then] } : { value: [first], nextLink: next });
      if (gone.some((name) => path.includes(`/sites/${name}/`))) return reply(request, 404, { error: { code: 'ResourceNotFound', message: `site ${path} was not found` } });
      if (path.endsWith('/providers/microsoft.storage/storageaccounts')) return twoPages(account('st1'), account('st2'));
      if (path.endsWith('/providers/microsoft.web/sites')) return twoPages(site('app1'), site('app2'));
      if (path.endsWith('/providers/microsoft.cache/redis')) return twoPages(cache('r1'), cache('r2'));
      if (path.endsWith('/slots')) return reply(request, 200, { value: [] });
      if (path.endsWith('/config/web')) return reply(request, 200, config(url.pathname));
      if (path.endsWith('/config/authsettingsv2')) return reply(request, 200, authSettings(url.pathname));
      return reply(request, 200, { value: [] });
    },
  };
}

const covered = catalog.filter((c) => c.resourceTypes.some((t) => /storageAccounts|Microsoft\.Web\/sites$|Microsoft\.Cache\/redis$/i.test(t)));

async function rowsOf(source: ListSource): Promise<string[]> {
  const rows: string[] = [];
  for await (const row of source.rows()) rows.push(String(row.id).replace(base, '').toLowerCase());
  return rows;
}

describe('list source pages and vanished sites', () => {
  it('keeps every page of every list, whichever style of SDK client follows the nextLink', async () => {
    const source = new ListSource({ credential, endpoint: ARM, httpClient: pagedArm(), subscriptions: [SUB], catalog: covered });
    const rows = await rowsOf(source);
    expect(rows).toEqual(expect.arrayContaining([
      '/microsoft.storage/storageaccounts/st1', '/microsoft.storage/storageaccounts/st2',
      '/microsoft.cache/redis/r1', '/microsoft.cache/redis/r2',
      '/microsoft.web/sites/app1', '/microsoft.web/sites/app2',
    ]));
  });

  it('goes on with the subscription when a site vanishes between the list and its slot/config reads', async () => {
    const source = new ListSource({ credential, endpoint: ARM, httpClient: pagedArm(['app1']), subscriptions: [SUB], catalog: covered });
    const rows = await rowsOf(source);
    // app1 itself still goes to the engine (which will find it gone); the sites after it are listed.
    expect(rows).toContain('/microsoft.web/sites/app1');
    expect(rows).not.toContain('/microsoft.web/sites/app1/config/web');
    expect(rows).toContain('/microsoft.web/sites/app2/config/web');
    expect(rows).not.toContain('/microsoft.web/sites/app1/config/authsettingsv2');
    expect(rows).toContain('/microsoft.web/sites/app2/config/authsettingsv2');
  });
});
