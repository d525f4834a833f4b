/**
 * The Event Grid adapter over a scripted ARM: the two success answers Topics_Update / Domains_Update
 * have in the 2025-02-15 spec (200 without a body, 201 with the resource), the 201 of an update still
 * running, and a body outside the update model, which never reaches the wire.
 */
import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { parseResourceId } from '../../core/resource-id';
import { adapter } from './adapter';
import { eventGridDomain, eventGridDomainId, eventGridTopic, eventGridTopicId } from './fixtures';

const ARM = 'https://arm.test';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const FIX = { properties: { minimumTlsVersionAllowed: '1.2' } };

function reply(request: PipelineRequest, status: number, body: string): PipelineResponse {
  return { request, status, headers: createHttpHeaders({ 'content-type': 'application/json' }), bodyAsText: body };
}

function over(answer: (request: PipelineRequest, gets: number) => PipelineResponse) {
  const calls: string[] = [];
  let gets = 0;
  const httpClient: HttpClient = {
    sendRequest: async (request) => {
      const url = new URL(request.url);
      calls.push(`${request.method} ${url.pathname.split('/').slice(-2).join('/')} ${url.searchParams.get('api-version')}${request.body ? ` ${String(request.body)}` : ''}`);
      if (request.method === 'GET') gets += 1;
      return answer(request, gets);
    },
  };
  return { eventGrid: adapter({ credential, httpClient, endpoint: ARM, pollIntervalMs: 1, retryOptions: { maxRetries: 0 } }), calls };
}

describe('eventgrid adapter', () => {
  it('PATCHes only the fix at 2025-02-15 and reads the topic back when Topics_Update answers 200 without a body', async () => {
    const { eventGrid, calls } = over((request) => (request.method === 'PATCH' ? reply(request, 200, '') : reply(request, 200, JSON.stringify(eventGridTopic()))));
    const result = await eventGrid.patch(parseResourceId(eventGridTopicId()), 'self', FIX);
    expect(result.properties).toMatchObject({ minimumTlsVersionAllowed: '1.2', provisioningState: 'Succeeded' });
    expect(calls).toEqual([
      'PATCH topics/evgt-contoso 2025-02-15 {"properties":{"minimumTlsVersionAllowed":"1.2"}}',
      'GET topics/evgt-contoso 2025-02-15',
    ]);
  });

  it('takes a 201 body that already shows the value, settled, without another read', async () => {
    const { eventGrid, calls } = over((request) => reply(request, 201, JSON.stringify(eventGridDomain())));
    const result = await eventGrid.patch(parseResourceId(eventGridDomainId()), 'self', FIX);
    expect(result.properties).toMatchObject({ minimumTlsVersionAllowed: '1.2' });
    expect(calls).toEqual(['PATCH domains/evgd-contoso 2025-02-15 {"properties":{"minimumTlsVersionAllowed":"1.2"}}']);
  });

  it('reads the domain until the update has finished when the 201 shows it still Updating', async () => {
    const { eventGrid, calls } = over((request, gets) => {
      if (request.method === 'PATCH') return reply(request, 201, JSON.stringify(eventGridDomain({ minimumTlsVersionAllowed: undefined, provisioningState: 'Updating' })));
      return reply(request, 200, JSON.stringify(gets < 2 ? eventGridDomain({ provisioningState: 'Updating' }) : eventGridDomain()));
    });
    const result = await eventGrid.patch(parseResourceId(eventGridDomainId()), 'self', FIX);
    expect(result.properties).toMatchObject({ minimumTlsVersionAllowed: '1.2', provisioningState: 'Succeeded' });
    expect(calls.filter((c) => c.startsWith('GET'))).toHaveLength(2);
  });

  it('refuses a body outside the update model before anything is sent', async () => {
    const { eventGrid, calls } = over((request) => reply(request, 200, ''));
    await expect(eventGrid.patch(parseResourceId(eventGridTopicId()), 'self', { properties: { inputSchema: 'CustomEventSchema' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(calls).toEqual([]);
  });

  it('reads at 2025-02-15, the api-version whose models carry minimumTlsVersionAllowed', async () => {
    const { eventGrid, calls } = over((request) => reply(request, 200, JSON.stringify(eventGridTopic({ minimumTlsVersionAllowed: '1.0' }))));
    const topic = await eventGrid.read(parseResourceId(eventGridTopicId()), 'self');
    expect(topic.properties).toMatchObject({ minimumTlsVersionAllowed: '1.0' });
    expect(calls).toEqual(['GET topics/evgt-contoso 2025-02-15']);
  });
});
