import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/audit/record';
import { isWardenError } from '../../src/errors';
import {
  EventGridNotifier, MAX_BYTES_PER_REQUEST, MAX_EVENTS_PER_REQUEST, OUTCOME_EVENT_TYPES, chunkEvents, toCloudEvent,
  type EventGridNotifierOptions,
} from '../../src/notify/event-grid-notifier';
import { SHOP_SITE_ID, STORAGE_ID, auditRecord } from '../fixtures/audit';
import { TOPIC_ENDPOINT, fakeCredential, startLoopbackTopic, type LoopbackTopic } from './loopback-topic';

const FLAPPING_REASON = 'flapping: fixed 3 times in the last 60 minutes; something keeps undoing this fix (a pipeline or IaC?) — a person must decide';
const DATA_FIELDS = ['actor', 'after', 'before', 'control', 'mode', 'outcome', 'reason', 'recordId', 'resourceId', 'resourceType', 'trigger', 'verified'];
/** Retries exactly as the SDK does them, only without waiting. */
const FAST_RETRY = { maxRetries: 0, retryDelayInMs: 1, maxRetryDelayInMs: 1 };

let topic: LoopbackTopic;
let credential: ReturnType<typeof fakeCredential>;

beforeEach(async () => {
  topic = await startLoopbackTopic();
  credential = fakeCredential();
});
afterEach(async () => {
  await topic.close();
});

function notifier(options: Partial<EventGridNotifierOptions> = {}): EventGridNotifier {
  return new EventGridNotifier({
    endpoint: TOPIC_ENDPOINT,
    credential,
    ...options,
    publisherOptions: { httpClient: topic.httpClient, retryOptions: FAST_RETRY, ...options.publisherOptions },
  });
}

const fixed = (overrides: Partial<AuditRecord> = {}): AuditRecord => auditRecord({ outcome: 'fixed', ...overrides });
const failed = (): AuditRecord => auditRecord({
  outcome: 'failed', resourceId: STORAGE_ID, control: 'storage-min-tls', verified: false, after: null,
  reason: 'fix not applied: The client does not have authorization to perform action Microsoft.Storage/storageAccounts/write',
});
const flapping = (): AuditRecord => auditRecord({ outcome: 'skipped', reason: FLAPPING_REASON, after: null, verified: null });

describe('EventGridNotifier against a loopback topic', () => {
  it('sends a fixed record as one CloudEvents 1.0 event named after the record', async () => {
    const record = fixed();
    await notifier().publish([record]);

    expect(topic.requests).toHaveLength(1);
    const [request] = topic.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/events?api-version=2018-01-01');
    expect(request.headers['content-type']).toMatch(/^application\/cloudevents-batch\+json/);
    expect(topic.events()).toEqual([
      {
        specversion: '1.0',
        type: 'TransitWarden.Outcome.Fixed',
        source: '/transit-warden',
        subject: SHOP_SITE_ID,
        id: record.id,
        time: record.time,
        datacontenttype: 'application/json',
        data: {
          recordId: record.id,
          resourceId: SHOP_SITE_ID,
          resourceType: 'Microsoft.Web/sites',
          control: 'appservice-https-only',
          outcome: 'fixed',
          reason: record.reason,
          mode: 'enforce',
          trigger: 'event',
          actor: 'alice@contoso.com',
          before: { properties: { httpsOnly: false } },
          after: { properties: { httpsOnly: true } },
          verified: true,
        },
      },
    ]);
  });

  it('authenticates with an Entra token for Event Grid and never puts the token in the body', async () => {
    await notifier().publish([fixed(), failed(), flapping()]);

    expect(credential.scopes).toContain('https://eventgrid.azure.net/.default');
    expect(topic.requests[0].headers.authorization).toBe(`Bearer ${credential.token}`);
    expect(topic.requests[0].body).not.toContain(credential.token);
  });

  it('names failed and flapping outcomes by their own types and sends all three in one request', async () => {
    const records = [fixed(), failed(), flapping()];
    await notifier().publish(records);

    expect(topic.requests).toHaveLength(1);
    expect(topic.events().map((e) => [e.type, e.id])).toEqual([
      [OUTCOME_EVENT_TYPES.fixed, records[0].id],
      [OUTCOME_EVENT_TYPES.failed, records[1].id],
      [OUTCOME_EVENT_TYPES.flapping, records[2].id],
    ]);
    expect(topic.events()[2].data).toMatchObject({ outcome: 'skipped', reason: FLAPPING_REASON });
  });

  it('leaves out compliant, exempt, would-fix, noncompliant, undone and other skipped records', async () => {
    const quiet: AuditRecord[] = [
      auditRecord({ outcome: 'compliant', reason: 'compliant', before: null, after: null, verified: null }),
      auditRecord({ outcome: 'exempt', reason: 'exempt by tag on the resource: Legacy POS terminals speak TLS 1.0 only', after: null, verified: null }),
      auditRecord({ outcome: 'would-fix', mode: 'dry-run', verified: null }),
      auditRecord({ outcome: 'noncompliant', mode: 'report', after: null, verified: null }),
      auditRecord({ outcome: 'undone', trigger: 'undo' }),
      auditRecord({ outcome: 'skipped', reason: 'budget: 100 of 100 writes used in the last 60 minutes; not writing', after: null, verified: null }),
      auditRecord({ outcome: 'skipped', reason: 'not applicable: the server is stopped', after: null, verified: null }),
    ];
    const attention = fixed();
    await notifier().publish([...quiet, attention]);

    expect(topic.events().map((e) => e.id)).toEqual([attention.id]);
  });

  it('makes no request at all when no record needs attention or there are no records', async () => {
    const n = notifier();
    await n.publish([]);
    await n.publish([auditRecord({ outcome: 'compliant', reason: 'compliant' }), auditRecord({ outcome: 'would-fix', mode: 'dry-run' })]);

    expect(topic.requests).toHaveLength(0);
    expect(credential.scopes).toHaveLength(0);
  });

  it('copies only the summary fields into data, so anything else on a record cannot leak', async () => {
    const withExtras = { ...fixed(), claims: { appid: 'secret-claims' }, accessToken: 'eyJ0eXAiOiJKV1Qi' } as AuditRecord;
    await notifier().publish([withExtras]);

    const [event] = topic.events();
    expect(Object.keys(event.data as object).sort()).toEqual(DATA_FIELDS);
    expect(topic.requests[0].body).not.toContain('secret-claims');
    expect(topic.requests[0].body).not.toContain('eyJ0eXAiOiJKV1Qi');
  });

  it('uses the configured source', async () => {
    await notifier({ source: '/transit-warden/prod-westeurope' }).publish([fixed()]);
    expect(topic.events()[0].source).toBe('/transit-warden/prod-westeurope');
  });

  it('rejects the publish when the topic answers an error, after the SDK retried', async () => {
    topic.reply(() => ({ status: 500, body: JSON.stringify({ error: { code: 'InternalServerError', message: 'topic unavailable' } }) }));
    const publishing = notifier({ publisherOptions: { retryOptions: { maxRetries: 1, retryDelayInMs: 1, maxRetryDelayInMs: 1 } } }).publish([fixed()]);

    await expect(publishing).rejects.toMatchObject({ statusCode: 500 });
    expect(topic.requests).toHaveLength(2);
  });

  it('rejects the publish when the topic refuses the request as unauthorised', async () => {
    topic.reply(() => ({ status: 401, body: JSON.stringify({ error: { code: 'Unauthorized', message: 'no EventGrid Data Sender role' } }) }));
    await expect(notifier().publish([fixed()])).rejects.toMatchObject({ statusCode: 401 });
  });

  it('gives up on a topic that never answers within the timeout', async () => {
    topic.reply(() => 'hang');
    const started = Date.now();
    await expect(notifier({ timeoutMs: 200 }).publish([fixed()])).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('splits a large batch into requests within the event count and size limits, keeping the order', async () => {
    const records = Array.from({ length: 2_500 }, () => fixed());
    await notifier().publish(records);

    expect(topic.requests.length).toBeGreaterThan(2);
    for (const request of topic.requests) {
      expect((JSON.parse(request.body) as unknown[]).length).toBeLessThanOrEqual(MAX_EVENTS_PER_REQUEST);
      expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(1024 * 1024);
    }
    expect(topic.events().map((e) => e.id)).toEqual(records.map((r) => r.id));
  });

  it('keeps every request under 1 MB when events are large', async () => {
    const bulky = { properties: { note: 'x'.repeat(20_000) } };
    const records = Array.from({ length: 80 }, () => fixed({ before: bulky, after: bulky }));
    await notifier().publish(records);

    expect(topic.requests.length).toBeGreaterThan(1);
    for (const request of topic.requests) expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(1024 * 1024);
    expect(topic.events()).toHaveLength(80);
  });

  it('still sends the other requests when one fails, then rejects naming how many failed', async () => {
    topic.reply((n) => (n === 0 ? { status: 503 } : { status: 200 }));
    const records = Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, () => fixed());

    const error: unknown = await notifier().publish(records).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).message).toMatch(/^1 of 2 Event Grid requests failed \(1001 events\)/);
    expect(topic.requests).toHaveLength(2);
  });
});

describe('EventGridNotifier construction', () => {
  it.each([
    ['plain http', 'http://tw-notify.westeurope-1.eventgrid.azure.net/api/events'],
    ['not a URL', 'tw-notify.westeurope-1.eventgrid.azure.net'],
    ['credentials in the URL', 'https://user:pass@tw-notify.westeurope-1.eventgrid.azure.net/api/events'],
  ])('refuses an endpoint that is %s with INVALID_CONFIG', (_, endpoint) => {
    expect(() => new EventGridNotifier({ endpoint, credential: fakeCredential() })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });

  it('refuses an empty source and a non-positive timeout', () => {
    const base = { endpoint: TOPIC_ENDPOINT, credential: fakeCredential() };
    for (const options of [{ ...base, source: ' ' }, { ...base, timeoutMs: 0 }]) {
      let thrown: unknown;
      try {
        new EventGridNotifier(options);
      } catch (err) {
        thrown = err;
      }
      expect(isWardenError(thrown, 'INVALID_CONFIG')).toBe(true);
    }
  });
});

describe('chunkEvents', () => {
  const event = () => toCloudEvent(fixed(), OUTCOME_EVENT_TYPES.fixed, '/transit-warden');

  it('keeps a batch within the limits in one chunk', () => {
    expect(chunkEvents([event(), event()]).map((c) => c.length)).toEqual([2]);
  });

  it('starts a new chunk at the event count limit and at the byte limit', () => {
    const events = Array.from({ length: 5 }, event);
    expect(chunkEvents(events, { maxEvents: 2, maxBytes: MAX_BYTES_PER_REQUEST }).map((c) => c.length)).toEqual([2, 2, 1]);
    expect(chunkEvents(events, { maxEvents: 100, maxBytes: 2_500 }).map((c) => c.length)).toEqual([2, 2, 1]);
  });

  it('sends an event larger than the byte limit on its own rather than dropping it', () => {
    expect(chunkEvents([event(), event()], { maxEvents: 100, maxBytes: 10 }).map((c) => c.length)).toEqual([1, 1]);
  });
});
