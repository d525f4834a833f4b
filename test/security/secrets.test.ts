/**
 * No access token, connection string or account key may reach the logs or the audit records, even
 * where a careless log call could pick one up: in event claims and authorization evidence, in error
 * paths (throttling, 5xx, vanished resources), at log level trace.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createRuntime } from '../../src/runtime';
import { ArmSandbox, SANDBOX_TOKEN } from '../../src/sandbox/arm-sandbox';
import { resourceGraphRoute } from '../../src/sandbox/resource-graph-route';
import { SUBSCRIPTION_ID, redisCache, resourceGroup, storageAccount, storageAccountId, webApp, siteId, redisCacheId } from '../fixtures/arm';
import { writeEvent } from '../events/samples';
import { SANDBOX_RETRY } from '../helpers/sandbox-runtime';

// Azurite's published development key: shaped like a real one, harmless anywhere.
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const CONNECTION_STRING = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`;
const SECRETS = [SANDBOX_TOKEN, ACCOUNT_KEY, CONNECTION_STRING, 'AccountKey='];

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

async function scenario(options: { secretInSubject?: boolean } = {}) {
  const log = capture();
  const logger = createLogger({ level: 'trace', destination: log.stream });
  const sandbox = new ArmSandbox({
    estate: [
      resourceGroup(),
      ...webApp({ httpsOnly: false }, { minTlsVersion: '1.0' }, { name: 'app-secret' }),
      storageAccount({ supportsHttpsTrafficOnly: false }, { name: 'stsecret' }),
      storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'stgone' }),
      redisCache({ enableNonSslPort: true }, { name: 'redis-secret' }),
    ],
  });
  sandbox.addRoute(resourceGraphRoute(sandbox));
  const config: WardenConfig = { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID] };
  const audit = new MemoryAuditStore();
  const runtime = createRuntime({
    config, credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, audit, logger, pollIntervalMs: 1, retryOptions: { ...SANDBOX_RETRY, maxRetries: 1 },
  });
  // Faults drive the warn/error paths, where whole errors (with their requests) tend to be logged.
  sandbox.faults.throttle({ times: 3, retryAfterSeconds: 0 }).serverError({ times: 4, status: 503 });
  sandbox.faults.deleteBeforeWrite(storageAccountId('stgone'));

  // Places a careless log might pick secrets up from: claims, authorization evidence, odd fields.
  const leaky = (id: string, eventId: string) =>
    writeEvent(id, {
      id: eventId,
      topic: `/subscriptions/${SUBSCRIPTION_ID}`,
      data: {
        subscriptionId: SUBSCRIPTION_ID,
        authorization: { scope: id, action: 'write', evidence: { role: 'Owner', token: SANDBOX_TOKEN, connectionString: CONNECTION_STRING } },
        headers: { authorization: `Bearer ${SANDBOX_TOKEN}` },
        accountKey: ACCOUNT_KEY,
      },
      claims: { aio: SANDBOX_TOKEN, access_token: SANDBOX_TOKEN, appid: 'app-id', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'alice@contoso.example', secret: CONNECTION_STRING },
    });
  const events = [
    leaky(siteId('app-secret'), 'sec-1'),
    leaky(storageAccountId('stsecret'), 'sec-2'),
    leaky(storageAccountId('stgone'), 'sec-3'),
    leaky(redisCacheId('redis-secret'), 'sec-4'),
    // Rejected and ignored events are logged with their reasons.
    { ...leaky(storageAccountId('stsecret'), 'sec-5'), topic: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/other-rg` },
    { ...leaky(storageAccountId('stsecret'), 'sec-6'), eventType: 'Microsoft.Resources.ResourceDeleteSuccess' },
  ];
  // A secret pasted into the subject itself: rejection reasons quote the first 120 characters of it.
  if (options.secretInSubject) events.push({ ...leaky(storageAccountId('stsecret'), 'sec-7'), subject: CONNECTION_STRING });
  const summaries = [];
  let thrown = 0;
  for (const event of events) {
    // As Event Grid does: a delivery the function throws on (ARM kept failing before any write)
    // comes again. The throw is logged at error level, one more place a secret could slip out.
    for (let attempt = 1; ; attempt += 1) {
      try {
        summaries.push(await runtime.intake.handle(event));
        break;
      } catch (err) {
        thrown += 1;
        if (attempt === 10) throw err;
      }
    }
  }
  // A careless log call with the usual suspects as fields: redaction must catch them.
  logger.trace({ headers: { authorization: `Bearer ${SANDBOX_TOKEN}` }, token: SANDBOX_TOKEN, connectionString: CONNECTION_STRING, accountKey: ACCOUNT_KEY, request: { key: ACCOUNT_KEY } }, 'careless');
  await new Promise((resolve) => setImmediate(resolve));
  return { log: log.text(), records: audit.all(), summaries, thrown };
}

describe('secrets', () => {
  it('never appear in the trace-level log, whatever the events and errors carried', async () => {
    const { log, records, thrown } = await scenario();
    // The scenario really logged: records, warnings, a thrown delivery and the careless line.
    expect(records.length).toBeGreaterThan(0);
    expect(thrown).toBeGreaterThan(0);
    expect(log).toContain('engine failed; the event will be retried');
    expect(log).toContain('careless');
    expect(log).toContain('[redacted]');
    for (const secret of SECRETS) expect(log.includes(secret), secret).toBe(false);
  });

  it('never appear in the audit records or in the intake summaries', async () => {
    const { records, summaries } = await scenario();
    const text = JSON.stringify({ records, summaries });
    expect(records.some((r) => r.outcome === 'fixed')).toBe(true);
    for (const secret of SECRETS) expect(text.includes(secret), secret).toBe(false);
  });

  // Rejection reasons quote untrusted event fields so people see what was wrong; src/redact.ts masks
  // anything shaped like a credential before it is quoted.
  it('never appear in the log when an event carries one as its subject (reasons quote it redacted)', async () => {
    const { log, summaries } = await scenario({ secretInSubject: true });
    const text = log + JSON.stringify(summaries);
    for (const secret of SECRETS) expect(text.includes(secret), secret).toBe(false);
  });
});
