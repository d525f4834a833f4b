import { describe, expect, it } from 'vitest';
import control from './apim-api-https-only';
import { controlCases } from '../../../test/helpers/control-cases';
import { resourceGroup } from '../../../test/fixtures/arm';
import { sandboxEngine } from '../../../test/helpers/sandbox-runtime';
import { apimApi, apimApiId, sampleApimService } from './fixtures';
import type { JsonObject } from '../../controls/types';

const protocolsPatch = (...protocols: string[]) => ({ properties: { protocols } });

controlCases(control, {
  pass: [
    { name: 'https only, as in the ApiManagementGetApiContract example', document: apimApi(['https']) },
    { name: 'a websocket API on wss only', document: apimApi(['wss'], { type: 'websocket' }) },
    { name: 'a websocket API on ws and wss, as the ApiManagementCreateWebsocketApi example answers (ws only counts without wss)', document: apimApi(['ws', 'wss'], { type: 'websocket' }) },
    { name: 'ws beside wss (issue 14: ws only counts without wss)', document: apimApi(['https', 'ws', 'wss'], { type: 'graphql' }) },
    { name: 'HTTPS spelled in capitals (Protocol is modelAsString)', document: apimApi(['HTTPS']) },
    { name: 'a non-current revision on https', document: apimApi(['https'], { apiId: 'echo-api;rev=3', isCurrent: false }) },
    { name: 'no protocols in the document (the spec documents no default)', document: apimApi(undefined) },
  ],
  fail: [
    { name: 'http beside https: http is dropped', document: apimApi(['http', 'https']), path: 'properties.protocols', patch: protocolsPatch('https') },
    { name: 'http only: becomes https, never an empty list', document: apimApi(['http']), patch: protocolsPatch('https') },
    { name: 'ws only on a websocket API: becomes wss', document: apimApi(['ws'], { type: 'websocket' }), patch: protocolsPatch('wss') },
    { name: 'http and ws on a graphql API: https and wss stay, ws becomes wss', document: apimApi(['http', 'https', 'ws'], { type: 'graphql' }), patch: protocolsPatch('https', 'wss') },
    { name: 'http and ws only: ws becomes wss, http is dropped', document: apimApi(['http', 'ws']), patch: protocolsPatch('wss') },
    { name: 'http beside ws and wss: only http goes', document: apimApi(['http', 'ws', 'wss']), patch: protocolsPatch('ws', 'wss') },
    { name: 'HTTP in capitals', document: apimApi(['HTTP', 'https']), patch: protocolsPatch('https') },
    { name: 'a non-current revision (apis/{id};rev=n) on http: revisions are judged too', document: apimApi(['http'], { apiId: 'echo-api;rev=2', isCurrent: false }), patch: protocolsPatch('https') },
  ],
});

describe('apim-api-https-only end to end, through @azure/arm-apimanagement and the emulator', () => {
  it('enforces by default and sends the PATCH with If-Match set to the ETag of the GET', async () => {
    const t = sandboxEngine([resourceGroup(), sampleApimService(), apimApi(['http', 'https'])]);
    const [record] = await t.process(apimApiId());
    expect(record).toMatchObject({ control: 'apim-api-https-only', outcome: 'fixed', verified: true, mode: 'enforce' });
    expect(t.sandbox.writes.map((w) => w.body)).toEqual([protocolsPatch('https')]);
    expect((t.sandbox.get(apimApiId())?.properties as JsonObject).protocols).toEqual(['https']);
    expect((t.sandbox.get(apimApiId())?.properties as JsonObject).serviceUrl).toBe('https://api.plexonline.com/DataSource/Service.asmx');
  });

  it('a change made after the read answers 412, and the evaluation is retried (never written blind)', async () => {
    const t = sandboxEngine([resourceGroup(), sampleApimService(), apimApi(['http', 'https'])]);
    let reads = 0;
    const original = t.sandbox.httpClient.sendRequest.bind(t.sandbox.httpClient);
    t.sandbox.httpClient.sendRequest = async (request) => {
      const response = await original(request);
      if (request.method === 'GET' && new URL(request.url).pathname.toLowerCase() === apimApiId().toLowerCase() && ++reads === 1) {
        const stored = t.sandbox.get(apimApiId());
        if (stored) {
          (stored.properties as JsonObject).displayName = 'renamed by someone else';
          t.sandbox.set(stored);
        }
      }
      return response;
    };
    await expect(t.process(apimApiId())).rejects.toMatchObject({ code: 'ARM_REQUEST_FAILED', details: { status: 412 } });
    expect(t.sandbox.writes).toEqual([]);
    // The retry reads again, gets the new ETag, and fixes without losing the other change.
    const [record] = await t.process(apimApiId());
    expect(record).toMatchObject({ outcome: 'fixed', verified: true });
    expect(t.sandbox.get(apimApiId())?.properties).toMatchObject({ protocols: ['https'], displayName: 'renamed by someone else' });
  });

  it('the emulator answers the GET with an ETag header, refuses a PATCH without If-Match (400), with a protocol outside the enum (400) or with an old ETag (412)', async () => {
    const t = sandboxEngine([resourceGroup(), sampleApimService(), apimApi(['http'])]);
    const url = `${t.sandbox.endpoint}${apimApiId()}?api-version=2024-05-01`;
    const { createPipelineRequest, createHttpHeaders } = await import('@azure/core-rest-pipeline');
    const token = (await t.sandbox.credential.getToken('https://management.azure.com/.default'))?.token ?? '';
    const send = (method: 'GET' | 'PATCH', headers: Record<string, string> = {}, body?: JsonObject) =>
      t.sandbox.httpClient.sendRequest(createPipelineRequest({
        url, method, body: body === undefined ? undefined : JSON.stringify(body),
        headers: createHttpHeaders({ authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }),
      }));
    const got = await send('GET');
    const etag = got.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect((await send('PATCH', {}, protocolsPatch('https'))).status).toBe(400);
    // Protocol's enum (http, https, ws, wss) holds for every item.
    expect((await send('PATCH', { 'if-match': etag ?? '' }, protocolsPatch('https', 'ftp'))).status).toBe(400);
    expect((await send('PATCH', { 'if-match': '"stale"' }, protocolsPatch('https'))).status).toBe(412);
    const ok = await send('PATCH', { 'if-match': etag ?? '' }, protocolsPatch('https'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).not.toBe(etag);
    // The old ETag no longer matches after the write.
    expect((await send('PATCH', { 'if-match': etag ?? '' }, protocolsPatch('wss'))).status).toBe(412);
  });
});
