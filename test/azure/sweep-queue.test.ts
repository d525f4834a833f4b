import type { StoragePipelineOptions } from '@azure/storage-queue';
import { describe, expect, it } from 'vitest';
import { SWEEP_QUEUE, storageSweepQueue } from '../../src/azure/sweep-queue';
import { isWardenError } from '../../src/errors';

const credential = { getToken: async () => ({ token: 'queue-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

type QueueHttpClient = NonNullable<StoragePipelineOptions['httpClient']>;
type QueueRequest = Parameters<QueueHttpClient['sendRequest']>[0];

/** The storage SDK's (core-http-compat) header shape, for answers of the recorded client. */
function headersLike(values: Record<string, string>) {
  const map = new Map(Object.entries(values));
  const headers = {
    get: (name: string) => map.get(name.toLowerCase()),
    set: (name: string, value: string | number) => void map.set(name.toLowerCase(), String(value)),
    contains: (name: string) => map.has(name.toLowerCase()),
    remove: (name: string) => map.delete(name.toLowerCase()),
    rawHeaders: () => Object.fromEntries(map),
    headersArray: () => [...map].map(([name, value]) => ({ name, value })),
    headerNames: () => [...map.keys()],
    headerValues: () => [...map.values()],
    clone: () => headersLike(Object.fromEntries(map)),
    toJson: () => Object.fromEntries(map),
  };
  return headers;
}

function recorder(status = 201): { httpClient: QueueHttpClient; requests: { url: string; method: string; body: string; auth: string | undefined }[] } {
  const requests: { url: string; method: string; body: string; auth: string | undefined }[] = [];
  return {
    requests,
    httpClient: {
      sendRequest: async (request: QueueRequest) => {
        requests.push({ url: request.url, method: request.method, body: String(request.body), auth: request.headers.get('authorization') });
        return { request, status, headers: headersLike({ 'content-type': 'application/xml' }), bodyAsText: status === 201 ? '<?xml version="1.0" encoding="utf-8"?><QueueMessagesList><QueueMessage><MessageId>1</MessageId><InsertionTime>Fri, 04 Dec 2026 12:00:00 GMT</InsertionTime><ExpirationTime>Fri, 11 Dec 2026 12:00:00 GMT</ExpirationTime><PopReceipt>p</PopReceipt><TimeNextVisible>Fri, 04 Dec 2026 12:00:00 GMT</TimeNextVisible></QueueMessage></QueueMessagesList>' : '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>no</Message></Error>' };
      },
    },
  };
}

describe('storageSweepQueue', () => {
  it('puts each message on the sweep queue as base64 JSON, as the Functions queue trigger reads it, with the app identity', async () => {
    const { httpClient, requests } = recorder();
    const queue = storageSweepQueue('https://stwarden.queue.core.windows.net', SWEEP_QUEUE, credential, { httpClient });
    const messages = [{ kind: 'candidates', runId: 'r-1', candidates: [{ resourceId: '/subscriptions/x/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/st1' }] }, { kind: 'candidates', runId: 'r-1', candidates: [] }];
    await queue.send(messages);

    expect(requests.map((r) => `${r.method} ${new URL(r.url).origin}${new URL(r.url).pathname}`)).toEqual([
      'POST https://stwarden.queue.core.windows.net/transit-warden-sweep/messages',
      'POST https://stwarden.queue.core.windows.net/transit-warden-sweep/messages',
    ]);
    expect(requests.every((r) => r.auth === 'Bearer queue-token')).toBe(true);
    const decoded = requests.map((r) => JSON.parse(Buffer.from(/<MessageText>([^<]*)<\/MessageText>/.exec(r.body)?.[1] ?? '', 'base64').toString('utf8')) as unknown);
    expect(decoded.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([...messages].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  });

  it('fails with COORDINATION_FAILED when the queue refuses, so the batch message is retried', async () => {
    const { httpClient } = recorder(403);
    const queue = storageSweepQueue('https://stwarden.queue.core.windows.net', SWEEP_QUEUE, credential, { httpClient });
    const error = await queue.send([{ kind: 'candidates' }]).catch((e: unknown) => e);
    expect(isWardenError(error, 'COORDINATION_FAILED')).toBe(true);
  });
});
