import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { OUTCOMES, SKIP_CODES, TRIGGERS } from '../../src/audit/record';
import { ArmGateway } from '../../src/azure/gateway';
import { DEFAULT_CONFIG } from '../../src/config';
import { createEngine } from '../../src/engine/engine';
import { createLogger } from '../../src/logger';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { addStandardRoutes } from '../../src/sandbox/standard-routes';
import { SUBSCRIPTION_ID, resourceGroup, site, siteConfig, siteId, storageAccount, storageAccountId } from '../fixtures/arm';
import { SANDBOX_RETRY, fixedClock } from '../helpers/sandbox-runtime';
import { INFRA, ROOT, block, modulePaths, readInfra, stripComments, unusedParams } from './bicep-text';

/**
 * The workbook reads the one JSON line engine.ts log() writes per outcome. These tests hold the
 * queries to what that line really carries, read from the source as text and from a real run.
 */
const MODULE = 'workbook/workbook.bicep';
const WORKBOOK_FILE = join(INFRA, 'workbook/transit-warden.workbook.json');
const workbookText = readFileSync(WORKBOOK_FILE, 'utf8');
const engineSource = readFileSync(join(ROOT, 'src/engine/engine.ts'), 'utf8');
const loggerSource = readFileSync(join(ROOT, 'src/logger.ts'), 'utf8');
const recordSource = readFileSync(join(ROOT, 'src/audit/record.ts'), 'utf8');

interface Item {
  type: number;
  name: string;
  content: Record<string, unknown> & { query?: string; parameters?: Record<string, unknown>[] };
}
const workbook = JSON.parse(workbookText) as { version: string; items: Item[] };
const queries = workbook.items.filter((item) => item.type === 3).map((item) => ({ name: item.name, content: item.content, query: item.content.query ?? '' }));

/** Keys of the object literal engine.ts log() hands to pino: `{ recordId: record.id, ... }`. */
function engineLoggedFields(): string[] {
  const start = engineSource.indexOf('function log(record: AuditRecord)');
  expect(start, 'engine.ts has function log(record: AuditRecord)').toBeGreaterThanOrEqual(0);
  const call = block(engineSource.slice(start), /logger\[level\]\(\s*/);
  return [...call.matchAll(/(\w+):\s*record\.\w+/g)].map((m) => m[1]);
}

/** Fields every line gets from pino itself: the `base` object in logger.ts and the message key. */
function pinoFields(): string[] {
  const base = /base:\s*\{([^}]*)\}/.exec(loggerSource);
  expect(base, 'logger.ts sets base fields').not.toBeNull();
  // pino's default message key is `msg`; the workbook reads it, so nobody may rename it unnoticed.
  expect(loggerSource).not.toMatch(/messageKey/);
  return [...(base?.[1] ?? '').matchAll(/(\w+):/g)].map((m) => m[1]).concat('msg');
}

/** Fields of the parsed JSON (`entry`) a query reads. */
function fieldsRead(query: string): string[] {
  return [...query.matchAll(/\bentry\s*(?:\.\s*(\w+)|\[\s*['"]([^'"]+)['"]\s*\])/g)].map((m) => m[1] ?? m[2]);
}

/** AuditRecord fields (src/audit/record.ts) that log() neither logs as a field nor writes into msg. */
function recordOnlyFields(): string[] {
  const body = block(recordSource, /export interface AuditRecord\s*/);
  const declared = [...body.matchAll(/^\s{2}(\w+)\??:/gm)].map((m) => m[1]);
  const start = engineSource.indexOf('function log(record: AuditRecord)');
  const logBody = block(engineSource.slice(start), /\)\s*:\s*void\s*/);
  const logged = new Set([...logBody.matchAll(/record\.(\w+)/g)].map((m) => m[1]));
  expect(logged).toContain('reason');
  return declared.filter((name) => !logged.has(name));
}

/** String literals compared against a column: `col == "x"`, `col in ("x", "y")`. */
function literalsComparedWith(query: string, column: string): string[] {
  const found: string[] = [];
  for (const m of query.matchAll(new RegExp(`\\b${column}\\s*==\\s*"([^"]*)"`, 'g'))) found.push(m[1]);
  for (const m of query.matchAll(new RegExp(`\\b${column}\\s+in\\s*\\(([^)]*)\\)`, 'g'))) {
    for (const lit of m[1].matchAll(/"([^"]*)"/g)) found.push(lit[1]);
  }
  return found;
}

describe('the workbook template', () => {
  it('is a Notebook/1.0 workbook with a required time range parameter', () => {
    expect(workbook.version).toBe('Notebook/1.0');
    const parameters = workbook.items.filter((item) => item.type === 9).flatMap((item) => item.content.parameters ?? []);
    expect(parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'TimeRange', type: 4, isRequired: true })]));
    expect(new Set(workbook.items.map((item) => item.name)).size).toBe(workbook.items.length);
  });

  it('has the panels the portal users asked for', () => {
    const byName = Object.fromEntries(queries.map((q) => [q.name, q]));
    expect(byName['outcomes-over-time']?.content.visualization).toBe('timechart');
    expect(byName['outcomes-over-time']?.query).toMatch(/bin\(timestamp, \{TimeRange:grain\}\)/);
    for (const name of ['control-by-outcome', 'top-drifting-resources', 'top-drifting-groups', 'top-drift-actors', 'failed-and-flapping', 'would-fix']) {
      expect(byName[name]?.content.visualization, name).toBe('table');
    }
    expect(byName['control-by-outcome']?.query).toMatch(/by control\b/);
    expect(byName['failed-and-flapping']?.query).toMatch(/project timestamp, problem, resourceId, control, reason/);
    // Guard skips are found by the code the engine logs with each record, not by the reason's wording.
    expect(literalsComparedWith(byName['failed-and-flapping']?.query ?? '', 'skipCode').sort()).toEqual(['budget', 'flapping']);
    expect(byName['would-fix']?.query).toMatch(/outcome == "would-fix"/);
    expect(byName['top-drift-actors']?.query).toMatch(/actor = tostring\(entry\.actor\)/);
    expect(byName['top-drift-actors']?.query).toMatch(/by actor\b/);
  });

  it('runs every query over Application Insights traces, within the chosen time range, weighted by itemCount', () => {
    expect(queries.length).toBeGreaterThan(0);
    for (const { name, content, query } of queries) {
      expect(content.queryType, name).toBe(0);
      expect(content.resourceType, name).toBe('microsoft.insights/components');
      expect(content.timeContextFromParameter, name).toBe('TimeRange');
      expect(query.split('\n')[0], name).toBe('traces');
      expect(query, name).toMatch(/^\| where timestamp \{TimeRange\}$/m);
      // Sampled rows stand for itemCount rows; a plain count() would under-report under load.
      expect(query, name).not.toMatch(/\bcount\(\)/);
    }
  });

  it('parses message as JSON and drops lines that are not transit-warden outcome lines', () => {
    for (const { name, query } of queries) {
      expect(query, name).toMatch(/extend entry = parse_json\(extract\(@"\\\{\.\*\\\}", 0, message\)\)/);
      expect(query, name).toMatch(/where tostring\(entry\.app\) == "transit-warden" and isnotempty\(tostring\(entry\.recordId\)\) and isnotempty\(tostring\(entry\.outcome\)\)/);
    }
  });

  it('reads only fields the engine logs (engine.ts log()) or pino adds (base + msg)', () => {
    const logged = engineLoggedFields();
    // The parser found the real call: these are the fields the workbook is built on.
    expect(logged).toEqual(expect.arrayContaining(['recordId', 'resourceId', 'control', 'outcome', 'mode', 'trigger', 'eventId', 'actor']));
    const allowed = new Set([...logged, ...pinoFields()]);
    expect(allowed).toContain('app');
    for (const { name, query } of queries) {
      const read = fieldsRead(query);
      expect(read.length, name).toBeGreaterThan(0);
      expect(read.filter((field) => !allowed.has(field)), name).toEqual([]);
    }
  });

  it('never names an audit-record field the log line lacks (correlationId, before, after, ...)', () => {
    const missing = recordOnlyFields();
    expect(missing).toEqual(expect.arrayContaining(['correlationId', 'subscriptionId', 'before', 'after']));
    expect(missing).not.toContain('actor');
    for (const { name, query } of queries) {
      for (const field of missing) expect(query, `${name} uses ${field}`).not.toMatch(new RegExp(`\\b${field}\\b`));
    }
  });

  it('splits the reason out of the message template log() writes', () => {
    expect(engineSource).toContain('`${record.control} ${record.outcome}: ${record.reason}`');
  });

  it('compares outcome, trigger, mode and skip code only with values the engine produces, never the reason text', () => {
    const modes = [...(/export type EffectiveMode = ([^;]+);/.exec(recordSource)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(modes).toContain('dry-run');
    for (const { name, query } of queries) {
      for (const outcome of literalsComparedWith(query, 'outcome')) expect(OUTCOMES, `${name}: ${outcome}`).toContain(outcome);
      for (const trigger of literalsComparedWith(query, 'trigger')) expect(TRIGGERS, `${name}: ${trigger}`).toContain(trigger);
      for (const mode of literalsComparedWith(query, 'mode')) expect(modes, `${name}: ${mode}`).toContain(mode);
      for (const code of literalsComparedWith(query, 'skipCode')) expect(SKIP_CODES, `${name}: ${code}`).toContain(code);
      expect(query, `${name} branches on the reason's wording`).not.toMatch(/reason\s+(startswith|has|contains)/);
    }
  });

  it('holds no subscription, tenant or resource ids', () => {
    expect(workbookText).not.toMatch(/\/subscriptions\//i);
    expect(workbookText).not.toMatch(/fallbackResourceIds|crossComponentResources/);
  });
});

describe('the log lines a real engine run writes', () => {
  async function run(mode: 'dry-run' | 'enforce', maxWrites = DEFAULT_CONFIG.writeBudget.maxWrites): Promise<Record<string, unknown>[]> {
    const estate = [
      resourceGroup(),
      storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' }),
      // With a budget of one write, the site's fix is the second write and is held back.
      site({ httpsOnly: maxWrites === 1 ? false : true }),
      siteConfig({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' }),
    ];
    const sandbox = new ArmSandbox({ estate });
    addStandardRoutes(sandbox);
    const gateway = new ArmGateway({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 5, retryOptions: SANDBOX_RETRY });
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    const engine = createEngine({
      ports: { reader: gateway, writer: gateway, audit: new MemoryAuditStore(), clock: fixedClock() },
      config: { ...DEFAULT_CONFIG, mode, allowedSubscriptions: [SUBSCRIPTION_ID], writeBudget: { ...DEFAULT_CONFIG.writeBudget, maxWrites } },
      logger: createLogger({ level: 'debug', destination: stream }),
    });
    // One write came with claims (an event names its actor), the other without (a sweep does not).
    await engine.process({ resourceId: storageAccountId(), trigger: 'event', occurrence: 'evt-1', eventId: 'evt-1', correlationId: null, actor: 'ops@contoso.com' });
    await engine.process({ resourceId: siteId(), trigger: 'sweep', occurrence: 'run-1', eventId: null, correlationId: null, actor: null });
    const raw = chunks.join('').split('\n').filter((line) => line.length > 0);
    // The queries' cheap pre-filter (`has "recordId"`, `contains '"app":"transit-warden"'`) must match the raw text.
    const outcomeLines = raw.filter((line) => line.includes('"recordId"'));
    expect(outcomeLines.length).toBeGreaterThan(0);
    for (const line of outcomeLines) expect(line).toContain('"app":"transit-warden"');
    return outcomeLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('carry every field the workbook reads, and msg splits into control, outcome and reason at the first ": "', async () => {
    const lines = [...(await run('dry-run')), ...(await run('enforce'))];
    const read = new Set(queries.flatMap(({ query }) => fieldsRead(query)));
    for (const line of lines) {
      // skipCode is on skipped records only (the query compares it only there).
      for (const field of read) if (field !== 'skipCode' || line.outcome === 'skipped') expect(line, field).toHaveProperty(field);
      const msg = String(line.msg);
      const prefix = `${String(line.control)} ${String(line.outcome)}: `;
      expect(msg.startsWith(prefix)).toBe(true);
      expect(msg.indexOf(': ')).toBe(prefix.length - 2);
    }
    const outcomes = new Set(lines.map((line) => line.outcome));
    expect(outcomes).toEqual(new Set(['would-fix', 'fixed', 'compliant', 'noncompliant']));
    expect(lines.filter((line) => line.outcome === 'would-fix').every((line) => line.mode === 'dry-run')).toBe(true);
    expect(new Set(lines.map((line) => line.actor))).toEqual(new Set(['ops@contoso.com', null]));
  });

  it('carry the skip code of a fix the write budget held back, the value the workbook compares', async () => {
    const skipped = (await run('enforce', 1)).filter((line) => line.outcome === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const line of skipped) expect(line).toMatchObject({ skipCode: 'budget', msg: expect.stringContaining(': budget: ') });
  });
});

describe('the workbook module', () => {
  const module = readInfra(MODULE);
  const code = stripComments(module);
  const app = readInfra('app.bicep');

  it('deploys a shared Microsoft.Insights/workbooks resource with a deterministic name', () => {
    const workbookResource = block(module, /resource workbook 'Microsoft\.Insights\/workbooks@[0-9-]+' =/);
    expect(workbookResource).toMatch(/name:\s*guid\(resourceGroup\(\)\.id, appInsightsId, 'transit-warden-workbook'\)/);
    expect(code).not.toMatch(/newGuid\(|utcNow\(/);
    expect(workbookResource).toMatch(/kind:\s*'shared'/);
    const properties = block(workbookResource, /properties:\s*/);
    expect(properties).toMatch(/displayName:\s*'[^']+'/);
    expect(properties).toMatch(/category:\s*'workbook'/);
    expect(properties).toMatch(/sourceId:\s*appInsightsId/);
  });

  it('loads the workbook JSON with loadTextContent, and that file exists next to it', () => {
    const loads = [...code.matchAll(/loadTextContent\(\s*'([^']+)'/g)].map((m) => join(INFRA, 'workbook', m[1]));
    expect(loads).toEqual([WORKBOOK_FILE]);
    expect(code).toMatch(/serializedData:\s*loadTextContent\('transit-warden\.workbook\.json'\)/);
    // Bicep's loadTextContent reads at most 131,072 characters.
    expect(statSync(WORKBOOK_FILE).size).toBeLessThan(131_072);
  });

  it('is deployed from app.bicep and linked to the Application Insights component', () => {
    expect(modulePaths('app.bicep').map((m) => m.resolved)).toContain(join(INFRA, MODULE));
    const call = block(app, /module workbook 'workbook\/workbook\.bicep' =/);
    expect(call).toMatch(/appInsightsId:\s*appInsights\.id/);
    expect(call).not.toMatch(/scope:/);
  });

  it('uses every param it declares, and app.bicep passes exactly those', () => {
    expect(unusedParams(module)).toEqual([]);
    const declared = [...code.matchAll(/^param\s+(\w+)/gm)].map((m) => m[1]).sort();
    const passed = [...block(block(app, /module workbook 'workbook\/workbook\.bicep' =/), /params:\s*/).matchAll(/^\s*(\w+):/gm)].map((m) => m[1]).sort();
    expect(passed).toEqual(declared);
  });

  it('hard-codes no subscription ids or resource ids', () => {
    for (const text of [code, workbookText]) {
      expect(text).not.toMatch(/\/subscriptions\/[0-9a-f-]{36}/i);
      expect(text).not.toMatch(/subscriptionResourceId\(\s*'[0-9a-f-]{36}'/i);
    }
    expect(code).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });
});
