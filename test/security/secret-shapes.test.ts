/**
 * Every credential shape through every path that stores or prints text from outside: event claims
 * and data into audit records, the ids and fields of events that are not evaluated into the
 * Functions log line, tag values into reasons and exemption details (and `check` output), ARM's
 * error text into failed records and the retried event's error line, an edited record into the
 * undo record, query parameters into HTTP 400 bodies, a value in the wrong setting into a
 * configuration error, anything into a log line, and thrown errors into messages. Each path is shown to have been taken (the record, line or error exists
 * and carries the marker) before the secret is shown to be absent, so no assertion passes vacuously.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import * as functions from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { MemoryIntentStore } from '../../src/coordination/memory';
import type { AuditRecord } from '../../src/audit/record';
import { AUDIT_KEY_MIN_LENGTH } from '../../src/audit/integrity';
import { TableAuditStore } from '../../src/audit/table-store';
import {
  DEFAULT_CONFIG, SETTINGS, configFromEnv, logLevelFromEnv, notifyTopicEndpointFromEnv, settingsFromEnv, sweepScheduleFromEnv, type WardenConfig,
} from '../../src/config';
import { WardenError, describeError, isWardenError } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { REDACTED } from '../../src/redact';
import { auditApi } from '../../src/handlers/audit-api';
import { onResourceWrite, summaryLine } from '../../src/handlers/on-resource-write';
import { reviewPage } from '../../src/handlers/review';
import { undoFix } from '../../src/engine/undo';
import { createRuntime } from '../../src/runtime';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import type { ArmObject } from '../../src/controls/types';
import { SUBSCRIPTION_ID, resourceGroup, storageAccount, storageAccountId } from '../fixtures/arm';
import { writeEvent } from '../events/samples';
import { runCli } from '../helpers/cli';
import { SANDBOX_RETRY } from '../helpers/sandbox-runtime';

// Azurite's published development key: shaped like a real one, harmless anywhere.
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const SHORT_KEY = 'sH2+3kWZq0p1Kx9Yb2c3D4e5F6g7H8i9J0kLmNoPqRs=';
const JWT_PARTS = ['eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9', 'eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0', 'c2lnbmF0dXJlLXBhcnQtb2YtdGhlLWp3dA'];
const JWT = JWT_PARTS.join('.');
const FUNCTION_KEY = 'aBcD1234efGH5678ijKL-_mnOP90qrSTuvWX';
const CLIENT_SECRET = `Abc8Q~${'dEfGhIjKlMnOpQrStUvWxYz0123456789A'}`;

/** A shape, and the parts of it that must never appear (what is left may be a key's name). */
const SHAPES: readonly { name: string; text: string; secret: readonly string[] }[] = [
  { name: 'a JWT', text: JWT, secret: JWT_PARTS.slice(1) },
  { name: 'a bearer token', text: `Bearer ${JWT}`, secret: JWT_PARTS.slice(1) },
  { name: 'a storage account key', text: ACCOUNT_KEY, secret: [ACCOUNT_KEY.slice(0, 16), ACCOUNT_KEY.slice(-24)] },
  { name: 'a padded Service Bus / Event Grid key', text: SHORT_KEY, secret: [SHORT_KEY.slice(0, 16), SHORT_KEY.slice(-16)] },
  { name: 'an unpadded key', text: 'Q7wXz3Lk9PmN2vB8cR5tY1uI4oA6sD0fG3hJ7kLqW', secret: ['Q7wXz3Lk9PmN', 'sD0fG3hJ7kLqW'] },
  {
    name: 'a SAS URL',
    text: 'https://stx.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&se=2026-12-01&sig=abcDEF123%2Bxyz%3D',
    secret: ['abcDEF123'],
  },
  {
    name: 'a storage connection string',
    text: `DefaultEndpointsProtocol=https;AccountName=stx;AccountKey=${ACCOUNT_KEY};EndpointSuffix=core.windows.net`,
    secret: [ACCOUNT_KEY.slice(0, 16), 'AccountKey='],
  },
  {
    name: 'a Service Bus connection string',
    text: `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${SHORT_KEY}`,
    secret: [SHORT_KEY.slice(0, 16), 'SharedAccessKey='],
  },
  { name: 'a SQL connection string with a quoted password', text: 'Server=tcp:sql1.database.windows.net;Database=db;User ID=admin;Password="p;ss w0rd!x";', secret: ['w0rd!x', 'p;ss'] },
  { name: 'a short password', text: 'Password=hunter2x', secret: ['hunter2x'] },
  { name: 'an Entra client secret', text: CLIENT_SECRET, secret: [CLIENT_SECRET.slice(0, 20)] },
  { name: 'credentials in a URL', text: 'https://sender:t0pSecretPw@topic.westeurope-1.eventgrid.azure.net/api/events', secret: ['t0pSecretPw'] },
  { name: 'a Functions key in a URL', text: `https://tw.azurewebsites.net/api/audit?code=${FUNCTION_KEY}`, secret: [FUNCTION_KEY.slice(0, 16)] },
  { name: 'basic authorization', text: 'Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==', secret: ['dXNlcjpwYXNz'] },
];

const stundoName = 'stundo';

function expectClean(text: string, where: string): void {
  for (const shape of SHAPES) {
    for (const part of shape.secret) expect(text.includes(part), `${where}: ${shape.name} (${part})`).toBe(false);
  }
}

function capture(): { stream: Writable; text: () => string; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join('');
  return { stream, text, lines: () => text().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

function runtimeOver(estate: ArmObject[], config: Partial<WardenConfig> = {}, sandbox = new ArmSandbox({ estate })) {
  const log = capture();
  const audit = new MemoryAuditStore();
  const runtime = createRuntime({
    config: { ...DEFAULT_CONFIG, allowedSubscriptions: [SUBSCRIPTION_ID], ...config },
    credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, audit,
    logger: createLogger({ level: 'trace', destination: log.stream }), pollIntervalMs: 1, retryOptions: SANDBOX_RETRY,
  });
  return { runtime, audit, log };
}

/** An InvocationContext whose log (the Functions host's, not pino's) is kept for inspection. */
function functionsContext(name: string) {
  const lines: string[] = [];
  const context = new functions.InvocationContext({ functionName: name, logHandler: (_level, ...args) => void lines.push(args.map(String).join(' ')) });
  return { context, lines };
}

describe('each credential shape is masked by redaction', () => {
  it.each(SHAPES.map((s) => [s.name, s] as const))('%s', (_, shape) => {
    const err = new WardenError('INVALID_INPUT', `field was ${shape.text}`);
    expect(err.message).toContain(REDACTED);
    expectClean(err.message, shape.name);
  });
});

describe('event claims and data → audit records and logs', () => {
  it('never store or log a credential given as the caller\'s name, app id, correlation id or event id', async () => {
    const { runtime, audit, log } = runtimeOver([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'stclaims' })]);
    const id = storageAccountId('stclaims');
    const summaries = [];
    for (const [i, shape] of SHAPES.entries()) {
      const topic = `/subscriptions/${SUBSCRIPTION_ID}`;
      const data = { subscriptionId: SUBSCRIPTION_ID };
      const upn = writeEvent(id, {
        id: `ev-${i}-upn ${shape.text}`, topic,
        claims: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': shape.text },
        data: { ...data, correlationId: shape.text },
      });
      const name = writeEvent(id, { id: `ev-${i}-name`, topic, data, claims: { name: shape.text } });
      const appId = writeEvent(id, { id: `ev-${i}-appid`, topic, data, claims: { appid: shape.text } });
      for (const event of [upn, name, appId]) summaries.push(await runtime.intake.handle(event));
    }
    await new Promise((resolve) => setImmediate(resolve));
    const records = audit.all();
    // Every event was evaluated: two controls per storage account, each with its own record.
    expect(records).toHaveLength(SHAPES.length * 3 * 2);
    expect(records.every((r) => r.actor?.includes(REDACTED))).toBe(true);
    expect(records.filter((r) => r.correlationId?.includes(REDACTED))).toHaveLength(SHAPES.length * 2);
    expect(records.filter((r) => r.eventId?.includes(REDACTED))).toHaveLength(SHAPES.length * 2);
    expectClean(JSON.stringify(records), 'records');
    expect(log.lines().filter((line) => typeof line.actor === 'string')).not.toHaveLength(0);
    expectClean(log.text(), 'log');
    expectClean(JSON.stringify(summaries), 'intake summaries');
  });
});

describe('event claims → write intents', () => {
  it('never keep a credential given as actor or correlation id in the intent stored before a write', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), ...SHAPES.map((_, i) => storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: `stintent${i}` }))] });
    const stored = new MemoryIntentStore();
    const runtime = createRuntime({
      config: { ...DEFAULT_CONFIG, mode: 'enforce', allowedSubscriptions: [SUBSCRIPTION_ID] },
      credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, audit: new MemoryAuditStore(),
      logger: createLogger({ level: 'silent' }), pollIntervalMs: 1, retryOptions: SANDBOX_RETRY,
      intents: stored,
    });
    const seen: string[] = [];
    const record = stored.record.bind(stored);
    stored.record = async (intent) => {
      seen.push(JSON.stringify(intent));
      return record(intent);
    };
    // Straight to the engine: the event parser masks claims already, and this is the line behind it.
    for (const [i, shape] of SHAPES.entries()) {
      await runtime.engine.process({ resourceId: storageAccountId(`stintent${i}`), trigger: 'event', occurrence: `ev-intent-${i}`, eventId: `ev-intent-${i}`, correlationId: shape.text, actor: shape.text });
    }
    expect(sandbox.writes).toHaveLength(SHAPES.length);
    expect(seen).toHaveLength(SHAPES.length);
    for (const text of seen) expect(text).toContain(REDACTED);
    expectClean(seen.join('\n'), 'intents');
  });
});

describe('events that are not evaluated → the Functions log line and the intake summary', () => {
  const OWN_IDENTITY = '5f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
  const OTHER_SUBSCRIPTION = '7c0e6a1d-3f2b-4c9e-8d5a-0b1e2f3a4c5d';

  it('never show a credential given as an event id, subject, topic or type', async () => {
    const { runtime, log } = runtimeOver([resourceGroup(), storageAccount({}, { name: 'stskipped' })], { ownIdentities: [OWN_IDENTITY] });
    const id = storageAccountId('stskipped');
    const foreign = storageAccountId('stforeign', { subscriptionId: OTHER_SUBSCRIPTION });
    const topic = `/subscriptions/${SUBSCRIPTION_ID}`;
    const data = { subscriptionId: SUBSCRIPTION_ID };
    const handler = onResourceWrite(runtime);
    const lines: string[] = [];
    const summaries = [];
    for (const [i, shape] of SHAPES.entries()) {
      const own = { 'http://schemas.microsoft.com/identity/claims/objectidentifier': OWN_IDENTITY };
      const batch = [
        // Evaluated: its id is the one the next two are duplicates of.
        writeEvent(id, { id: `first-${i} ${shape.text}`, topic, data }),
        writeEvent(id, { id: `first-${i} ${shape.text}`, topic, data }),
        writeEvent(id, { id: `same-resource-${i} ${shape.text}`, topic, data }),
        writeEvent(id, { id: `ignored-${i} ${shape.text}`, topic, data, eventType: `Custom.${shape.text}` }),
        writeEvent(id, { id: `rejected-${i} ${shape.text}`, topic: `/subscriptions/${shape.text}`, data }),
        { ...writeEvent(id, { id: `subject-${i}`, topic, data }), subject: shape.text },
        writeEvent(foreign, { id: `foreign-${i} ${shape.text}`, topic: `/subscriptions/${OTHER_SUBSCRIPTION}`, data: { subscriptionId: OTHER_SUBSCRIPTION } }),
        writeEvent(id, { id: `own-${i} ${shape.text}`, topic, data, claims: own }),
      ];
      const { context, lines: logged } = functionsContext('onResourceWrite');
      // The registered handler's type says one event; Event Grid's batches reach the intake the same way.
      await handler(batch as unknown as functions.EventGridEvent, context);
      lines.push(...logged);
      summaries.push(summaryLine(await runtime.intake.handle(batch)));
    }
    // Each kind of skip was taken, and each quoted its (masked) event id.
    expect(lines).toHaveLength(SHAPES.length);
    for (const line of lines) {
      for (const kind of ['duplicate first-', 'duplicate same-resource-', 'ignored ignored-', 'rejected rejected-', 'rejected subject-', 'out of scope foreign-', 'own write own-']) {
        expect(line).toContain(kind);
      }
      expect(line).toContain(REDACTED);
    }
    expectClean(lines.join('\n'), 'Functions log');
    expectClean(summaries.join('\n'), 'summary lines');
    expect(log.lines().some((line) => line.msg === 'event rejected')).toBe(true);
    expectClean(log.text(), 'log');
  });
});

describe('ARM error text → failed records, the retried event\'s error line and logs', () => {
  it('never store or log a credential that ARM\'s refusal quotes', async () => {
    let shown = '';
    let status = 403;
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'strefused' })] });
    // ARM's messages quote what they were given; a proxy or a misbehaving service may quote more.
    sandbox.addRoute((request) => (request.method === 'PATCH'
      ? { status, body: { error: { code: status === 403 ? 'AuthorizationFailed' : 'ServiceUnavailable', message: `${shown} was refused` } } }
      : undefined), 'first');
    const { runtime, audit, log } = runtimeOver([], { mode: 'enforce' }, sandbox);
    const id = storageAccountId('strefused');
    const handler = onResourceWrite(runtime);
    const errorLines: string[] = [];
    for (const [i, shape] of SHAPES.entries()) {
      shown = shape.text;
      status = 403;
      await runtime.engine.process({ resourceId: id, trigger: 'sweep', occurrence: `refused-${i}`, eventId: null, correlationId: null, actor: null });
      // A 503 on the write is thrown for redelivery: the error reaches the Functions log.
      status = 503;
      const { context, lines } = functionsContext('onResourceWrite');
      const event = writeEvent(id, { id: `retried-${i}`, topic: `/subscriptions/${SUBSCRIPTION_ID}`, data: { subscriptionId: SUBSCRIPTION_ID } });
      await expect(handler(event as unknown as functions.EventGridEvent, context)).rejects.toBeDefined();
      errorLines.push(...lines);
    }
    const failed = audit.all().filter((r) => r.outcome === 'failed');
    expect(failed).toHaveLength(SHAPES.length);
    expect(failed.every((r) => r.reason.includes('AuthorizationFailed') && r.reason.includes(REDACTED))).toBe(true);
    expectClean(JSON.stringify(audit.all()), 'records');
    expect(errorLines.filter((line) => line.includes('Event Grid will retry'))).toHaveLength(SHAPES.length);
    expectClean(errorLines.join('\n'), 'Functions log');
    expectClean(log.text(), 'log');
  });
});

describe('undo → its record and its refusals', () => {
  it('never store a credential that ARM\'s refusal of the undo quotes', async () => {
    let refusing = false;
    let shown = '';
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: stundoName })] });
    sandbox.addRoute((request) => (refusing && request.method === 'PATCH'
      ? { status: 403, body: { error: { code: 'AuthorizationFailed', message: `${shown} was refused` } } }
      : undefined), 'first');
    const { runtime, audit } = runtimeOver([], { mode: 'enforce' }, sandbox);
    const [fix] = (await runtime.engine.process({ resourceId: storageAccountId(stundoName), trigger: 'sweep', occurrence: 'run-undo', eventId: null, correlationId: null, actor: null }))
      .filter((r) => r.outcome === 'fixed');
    expect(fix).toBeDefined();
    refusing = true;
    const ports = { audit: runtime.audit, reader: runtime.gateway, writer: runtime.gateway, clock: runtime.clock, catalog: runtime.catalog };
    for (const shape of SHAPES) {
      shown = shape.text;
      const record = await undoFix(fix.id, ports, 'cli:tester');
      expect(record, shape.name).toMatchObject({ trigger: 'undo', outcome: 'failed', correlationId: fix.id });
      expect(record.reason, shape.name).toContain(REDACTED);
    }
    const undos = audit.all().filter((r) => r.trigger === 'undo');
    expect(undos).toHaveLength(SHAPES.length);
    expectClean(JSON.stringify(undos), 'undo records');
  });

  it('never print a credential that an edited record carries when refusing it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-undo-secret-'));
    const estateFile = path.join(dir, 'estate.json');
    const estateAfter = path.join(dir, 'estate-after.json');
    const auditFile = path.join(dir, 'audit.jsonl');
    writeFileSync(estateFile, JSON.stringify([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: stundoName })]));
    const run = await runCli(['sandbox', '--estate', estateFile, '--sweep', '--mode', 'enforce', '--audit-file', auditFile, '--out', estateAfter]);
    expect(run.code).toBe(0);
    const original = readFileSync(auditFile, 'utf8');
    const records = original.trim().split('\n').map((line) => JSON.parse(line) as AuditRecord);
    const fix = records.find((r) => r.control === 'storage-min-tls' && r.outcome === 'fixed');
    if (!fix) throw new Error('the sandbox run fixed nothing');
    for (const shape of SHAPES) {
      // The record's before-value replaced by a credential: the chain shows the edit, and the refusal
      // says so without quoting what the edit put there.
      const edited = records.map((r) => (r.id === fix.id ? { ...r, before: { properties: { minimumTlsVersion: shape.text } } } : r));
      writeFileSync(auditFile, `${edited.map((r) => JSON.stringify(r)).join('\n')}\n`);
      const result = await runCli(['undo', fix.id, '--audit-file', auditFile, '--estate', estateAfter]);
      expect(result.code, shape.name).toBe(1);
      expect(result.stderr, shape.name).toMatch(/undo refused/);
      expect(readFileSync(auditFile, 'utf8').trim().split('\n'), shape.name).toHaveLength(records.length);
      expectClean(result.stdout + result.stderr, `undo output (${shape.name})`);
    }
  });
});

describe('query parameters → HTTP 400 bodies and the Functions log', () => {
  it('never echo a credential given as a filter value or a parameter name', async () => {
    const audit = new MemoryAuditStore();
    const handlers = { audit: auditApi({ audit }), review: reviewPage({ audit }) };
    const bodies: string[] = [];
    const lines: string[] = [];
    for (const shape of SHAPES) {
      const value = encodeURIComponent(shape.text);
      for (const query of [`control=${value}`, `resourceId=${value}`, `since=${value}`, `${value}=1`]) {
        for (const [name, handler] of Object.entries(handlers)) {
          const { context, lines: logged } = functionsContext(name);
          const response = await handler(new functions.HttpRequest({ method: 'GET', url: `http://localhost:7071/api/${name}?${query}` }), context);
          expect(response.status, `${name}?${query}`).toBe(400);
          bodies.push(typeof response.body === 'string' ? response.body : JSON.stringify(response.jsonBody));
          lines.push(...logged);
        }
      }
    }
    expect(bodies.filter((body) => body.includes(REDACTED)).length).toBeGreaterThan(SHAPES.length);
    expectClean(bodies.join('\n'), 'HTTP 400 bodies');
    expectClean(lines.join('\n'), 'Functions log');
  });
});

describe('tag values → reasons, exemption details and check output', () => {
  const validReason = 'approved in change CHG-1234';
  const estate: ArmObject[] = [resourceGroup({ tags: {} })];
  const ids: string[] = [];
  for (const [i, shape] of SHAPES.entries()) {
    const tagged = (kind: string, tags: Record<string, string>) => {
      const name = `st${kind}${i}`;
      ids.push(storageAccountId(name));
      estate.push(storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name, tags }));
    };
    // A valid exemption whose reason quotes the secret: `exempt`, reason and detail carry it.
    tagged('reason', { 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': `${validReason} ${shape.text}` });
    // An invalid until: the problem quotes it.
    tagged('until', { 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': validReason, 'transit-warden-exempt-until': shape.text });
    // A scope naming no control: the fix record's note quotes the id.
    tagged('scope', { 'transit-warden-exempt': shape.text, 'transit-warden-exempt-reason': validReason });
    // `*` mixed with an id: invalid, and the problem quotes the scope.
    tagged('mixed', { 'transit-warden-exempt': `*,${shape.text}`, 'transit-warden-exempt-reason': validReason });
  }
  // The group's exemption, for resources without one of their own.
  const groupName = 'rg-secret-group';
  const groupShape = SHAPES.find((s) => s.name === 'a storage connection string')?.text ?? '';
  estate.push(resourceGroup({ name: groupName, tags: { 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': `${validReason} ${groupShape}` } }));
  estate.push(storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name: 'stgroup', resourceGroup: groupName }));
  ids.push(storageAccountId('stgroup', { resourceGroup: groupName }));

  it('never put a credential from a tag into a record or the log', async () => {
    const { runtime, audit, log } = runtimeOver(estate, { mode: 'dry-run' });
    for (const id of ids) await runtime.engine.process({ resourceId: id, trigger: 'sweep', occurrence: 'run-tags', eventId: null, correlationId: null, actor: null });
    const records: AuditRecord[] = audit.all();
    // Two storage controls each; only storage-min-tls fails (TLS1_0), so one finding per resource.
    expect(records).toHaveLength(ids.length * 2);
    const exempt = records.filter((r) => r.outcome === 'exempt');
    expect(exempt.length).toBe(SHAPES.length + 1);
    expect(exempt.every((r) => r.exemption?.reason?.includes(REDACTED) && r.reason.includes(REDACTED))).toBe(true);
    expect(records.filter((r) => r.exemption?.status === 'invalid' && r.exemption.until?.includes(REDACTED) && r.reason.includes(REDACTED))).toHaveLength(SHAPES.length);
    expect(records.filter((r) => r.exemption?.status === 'invalid' && r.exemption.scope.includes(REDACTED) && r.reason.includes(REDACTED))).toHaveLength(SHAPES.length);
    expect(records.filter((r) => r.outcome === 'would-fix' && r.reason.includes('which no control has') && r.reason.includes(REDACTED))).toHaveLength(SHAPES.length);
    expectClean(JSON.stringify(records), 'records');
    expectClean(log.text(), 'log');
  });

  it('never print a credential from a tag in check output', async () => {
    for (const format of ['json', 'table']) {
      const result = await runCli(['check', '-', '--format', format], JSON.stringify(estate));
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(REDACTED);
      expectClean(result.stdout + result.stderr, `check --format ${format}`);
    }
  });
});

describe('a credential in the wrong setting → configuration errors', () => {
  // Every setting, each through the function that reads it where the app reads it.
  const readers: Record<string, (env: NodeJS.ProcessEnv) => unknown> = {
    settingsFromEnv, configFromEnv, sweepScheduleFromEnv, notifyTopicEndpointFromEnv,
    logLevelFromEnv: (env) => logLevelFromEnv('info', env),
  };

  // All but the audit key, which holds a secret by design (below).
  const plainSettings = Object.values(SETTINGS).filter((setting) => setting !== SETTINGS.auditKey);

  it.each(plainSettings)('%s: named, not echoed', (setting) => {
    for (const shape of SHAPES) {
      let err: unknown;
      try {
        settingsFromEnv({ [setting]: shape.text });
      } catch (caught) {
        err = caught;
      }
      expect(isWardenError(err, 'INVALID_CONFIG'), `${setting} = ${shape.name}`).toBe(true);
      const message = (err as Error).message;
      expect(message).toContain(setting);
      expect(message).toContain('the value looks like a secret/connection string; not shown');
      expectClean(message, `${setting} = ${shape.name}`);
    }
  });

  it.each(Object.keys(readers))('%s refuses one too', (reader) => {
    const setting = { sweepScheduleFromEnv: SETTINGS.sweepSchedule, notifyTopicEndpointFromEnv: SETTINGS.notifyTopicEndpoint, logLevelFromEnv: SETTINGS.logLevel }[reader] ?? SETTINGS.mode;
    for (const shape of SHAPES) {
      expect(() => readers[reader]({ [setting]: shape.text })).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining(setting) }));
    }
  });

  it('TRANSIT_WARDEN_AUDIT_KEY takes a secret, and neither its errors, the settings nor a log line show it', () => {
    const log = capture();
    const logger = createLogger({ level: 'info', destination: log.stream });
    let accepted = 0;
    for (const shape of SHAPES) {
      let settings: ReturnType<typeof settingsFromEnv> | undefined;
      let err: unknown;
      try {
        settings = settingsFromEnv({ [SETTINGS.auditKey]: shape.text });
      } catch (caught) {
        err = caught;
      }
      if (shape.text.length >= AUDIT_KEY_MIN_LENGTH) {
        accepted += 1;
        expect(settings?.auditKey?.id, shape.name).toMatch(/^[0-9a-f]{16}$/);
        logger.info({ settings }, 'settings');
        expectClean(JSON.stringify(settings), `settings (${shape.name})`);
      } else {
        expect(err, shape.name).toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringContaining(`${SETTINGS.auditKey} must be at least`) });
        expectClean((err as Error).message, `${SETTINGS.auditKey} = ${shape.name}`);
      }
    }
    expect(accepted).toBeGreaterThan(0);
    expect(log.lines()).toHaveLength(accepted);
    expectClean(log.text(), 'log');
    // An unresolved Key Vault reference is refused without repeating it.
    const reference = '@Microsoft.KeyVault(VaultName=kv-secret-vault;SecretName=transit-warden-audit-key)';
    expect(() => settingsFromEnv({ [SETTINGS.auditKey]: reference })).toThrowError(expect.objectContaining({
      code: 'INVALID_CONFIG', message: expect.not.stringContaining('kv-secret-vault'),
    }));
  });

  it('the audit table URL given as a connection string on the command line is not echoed either', async () => {
    for (const shape of SHAPES) {
      expect(() => TableAuditStore.fromUrl(shape.text, { getToken: async () => null })).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG' }));
      try {
        TableAuditStore.fromUrl(shape.text, { getToken: async () => null });
      } catch (err) {
        expectClean((err as Error).message, `fromUrl(${shape.name})`);
      }
    }
    const result = await runCli(['audit', '--table-url', SHAPES[6].text]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('audit table URL');
    expectClean(result.stderr, 'audit --table-url');
  });
});

describe('anything → log lines', () => {
  it('masks credentials in messages, printf arguments, fields under any name, nested values and errors', () => {
    const log = capture();
    const logger = createLogger({ level: 'trace', destination: log.stream });
    for (const shape of SHAPES) {
      logger.info(`message quoting ${shape.text}`);
      logger.info('printf %s argument', shape.text);
      logger.warn({ detail: shape.text, nested: { list: [{ value: shape.text }] } }, 'fields');
      logger.error({ err: new Error(`failed: ${shape.text}`) }, 'an error field');
      logger.error(new Error(`thrown: ${shape.text}`));
      logger.debug({ password: 'short', clientSecret: 'x', note: 'kept' }, 'secret-named keys');
    }
    const lines = log.lines();
    expect(lines).toHaveLength(SHAPES.length * 6);
    expect(lines.filter((line) => String(line.msg).includes(REDACTED))).toHaveLength(SHAPES.length * 2);
    expect(lines.filter((line) => line.password === REDACTED && line.clientSecret === REDACTED && line.note === 'kept')).toHaveLength(SHAPES.length);
    expectClean(log.text(), 'log');
    expect(log.text()).not.toContain('"short"');
  });

  it('does not mask what only looks long: hex digests, record ids, resource ids', () => {
    const log = capture();
    const digest = 'a3f5'.repeat(16);
    const resourceId = '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rgshopdataprimary/providers/Microsoft.Web/sites/contososhopfrontendproductionwesteurope01';
    createLogger({ level: 'info', destination: log.stream }).info({ hash: digest, resourceId }, `record ${digest}`);
    const [line] = log.lines();
    expect(line).toMatchObject({ hash: digest, resourceId, msg: `record ${digest}` });
  });
});

describe('thrown errors → messages', () => {
  it('masks credentials in SDK errors, strings and objects described for reasons and logs', () => {
    for (const shape of SHAPES) {
      for (const thrown of [new Error(`request failed: ${shape.text}`), shape.text, { message: shape.text }]) {
        const text = describeError(thrown);
        expect(text).toContain(REDACTED);
        expectClean(text, `describeError(${shape.name})`);
      }
    }
  });
});
