import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { checkControlModes, configFromEnv, DEFAULT_AUDIT_FILE, DEFAULT_CONFIG, DEFAULT_SWEEP_SCHEDULE, LOG_LEVELS, logLevelFromEnv, SETTINGS, settingsFromEnv, sweepScheduleFromEnv } from '../src/config';
import { catalog } from '../src/controls';
import { createRuntime } from '../src/runtime';
import { MemoryAuditStore } from '../src/audit/memory-store';
import { ArmSandbox } from '../src/sandbox/arm-sandbox';
import { createLogger } from '../src/logger';

const SUB = '00000000-0000-0000-0000-0000000000AA';

describe('configFromEnv', () => {
  it('starts in dry-run, with no subscription allowed and Graph-then-list sweeps, when nothing is set', () => {
    expect(configFromEnv({})).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({ mode: 'dry-run', allowedSubscriptions: [], allowRestarts: false, sweepSource: 'auto' });
  });

  it('reads every setting', () => {
    const config = configFromEnv({
      TRANSIT_WARDEN_MODE: 'enforce',
      TRANSIT_WARDEN_CONTROL_MODES: 'storage-min-tls=report, redis-ssl-only=dry-run',
      TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS: `${SUB} 00000000-0000-0000-0000-0000000000bb`,
      TRANSIT_WARDEN_OWN_IDENTITIES: 'AbC-1',
      TRANSIT_WARDEN_ALLOW_RESTARTS: 'true',
      TRANSIT_WARDEN_FLAP_MAX_FIXES: '5',
      TRANSIT_WARDEN_FLAP_WINDOW_MINUTES: '30',
      TRANSIT_WARDEN_WRITE_BUDGET: '20',
      TRANSIT_WARDEN_WRITE_BUDGET_WINDOW_MINUTES: '10',
      TRANSIT_WARDEN_SWEEP_SOURCE: 'list',
      TRANSIT_WARDEN_ALLOWED_SCOPES: '/providers/Microsoft.Management/managementGroups/mg-platform',
      TRANSIT_WARDEN_SCOPE_MAX_AGE_SECONDS: '900',
    });
    expect(config).toEqual({
      mode: 'enforce',
      controlModes: { 'storage-min-tls': 'report', 'redis-ssl-only': 'dry-run' },
      allowedSubscriptions: [SUB.toLowerCase(), '00000000-0000-0000-0000-0000000000bb'],
      allowedManagementGroups: ['mg-platform'],
      scopeMaxAgeSeconds: 900,
      ownIdentities: ['abc-1'],
      allowRestarts: true,
      flap: { maxFixes: 5, windowMinutes: 30 },
      writeBudget: { maxWrites: 20, windowMinutes: 10 },
      sweepSource: 'list',
    });
  });

  it.each([
    [{ TRANSIT_WARDEN_MODE: 'report' }, /^TRANSIT_WARDEN_MODE must be enforce or dry-run/],
    [{ TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS: 'contoso-prod' }, /not a subscription id/],
    [{ TRANSIT_WARDEN_ALLOW_RESTARTS: 'yes' }, /TRANSIT_WARDEN_ALLOW_RESTARTS must be true or false/],
    [{ TRANSIT_WARDEN_WRITE_BUDGET: '0' }, /TRANSIT_WARDEN_WRITE_BUDGET must be a positive whole number/],
    [{ TRANSIT_WARDEN_CONTROL_MODES: 'storage-min-tls=off' }, /must be enforce, dry-run or report/],
    [{ TRANSIT_WARDEN_SWEEP_SOURCE: 'graphs' }, /TRANSIT_WARDEN_SWEEP_SOURCE must be auto, graph, list/],
  ])('refuses %o with a clear INVALID_CONFIG', (env, message) => {
    expect(() => configFromEnv(env)).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringMatching(message) }));
  });
});

describe('per-control modes', () => {
  it('must name controls of the catalog: a typo is an error, not a silently ignored setting', () => {
    const ids = catalog.map((c) => c.id);
    const config = configFromEnv({ TRANSIT_WARDEN_CONTROL_MODES: 'storage-http-only=report' });
    expect(() => checkControlModes(config, ids)).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringContaining('"storage-http-only"') }));
    expect(() => checkControlModes(configFromEnv({ TRANSIT_WARDEN_CONTROL_MODES: 'storage-https-only=report' }), ids)).not.toThrow();
  });

  it('are checked when the runtime is built, before any event is handled', () => {
    const sandbox = new ArmSandbox({ estate: [] });
    const build = (modes: string) => createRuntime({
      config: configFromEnv({ TRANSIT_WARDEN_CONTROL_MODES: modes }),
      credential: sandbox.credential, endpoint: sandbox.endpoint, httpClient: sandbox.httpClient,
      audit: new MemoryAuditStore(), logger: createLogger({ level: 'silent' }),
    });
    expect(() => build('redis-sslonly=report')).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG' }));
    expect(build('redis-ssl-only=report').config.controlModes).toEqual({ 'redis-ssl-only': 'report' });
  });
});

describe('sweepScheduleFromEnv', () => {
  it('reads TRANSIT_WARDEN_SWEEP_SCHEDULE for the timer registration, every six hours by default', () => {
    expect(sweepScheduleFromEnv({ TRANSIT_WARDEN_SWEEP_SCHEDULE: '0 30 * * * *' })).toBe('0 30 * * * *');
    expect(sweepScheduleFromEnv({ TRANSIT_WARDEN_SWEEP_SCHEDULE: ' 0 30 9 * Jan Mon ' })).toBe('0 30 9 * Jan Mon');
    expect(sweepScheduleFromEnv({})).toBe(DEFAULT_SWEEP_SCHEDULE);
    expect(sweepScheduleFromEnv({ TRANSIT_WARDEN_SWEEP_SCHEDULE: '' })).toBe('0 0 */6 * * *');
  });

  it.each([
    ['a five-field cron', '0 */6 * * *', /TRANSIT_WARDEN_SWEEP_SCHEDULE "0 \*\/6 \* \* \*" must have six fields .* got 5 \(a five-field cron lacks the seconds/],
    ['a TimeSpan', '00:05:00', /TRANSIT_WARDEN_SWEEP_SCHEDULE "00:05:00" is a TimeSpan .* only on an App Service plan/],
    ['an hour out of range', '0 0 24 * * *', /TRANSIT_WARDEN_SWEEP_SCHEDULE .* is not valid NCRONTAB: Invalid value for hour: 24/],
    ['a Quartz extension', '0 0 0 L * *', /TRANSIT_WARDEN_SWEEP_SCHEDULE .* day field "L": NCRONTAB has no \?, L, W or #/],
    ['a star in the seconds', '* 0 */6 * * *', /TRANSIT_WARDEN_SWEEP_SCHEDULE .* would start the sweep 60 times a minute/],
    ['a date that never comes', '0 0 0 30 2 *', /TRANSIT_WARDEN_SWEEP_SCHEDULE .* never fires/],
    ['words', 'every six hours', /TRANSIT_WARDEN_SWEEP_SCHEDULE "every six hours" must have six fields/],
  ])('refuses %s, naming the setting and the problem', (_, value, message) => {
    expect(() => sweepScheduleFromEnv({ TRANSIT_WARDEN_SWEEP_SCHEDULE: value })).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringMatching(message) }));
  });
});

describe('logLevelFromEnv', () => {
  it("accepts exactly pino's levels, and the caller's default when unset", () => {
    expect([...LOG_LEVELS].sort()).toEqual([...Object.keys(pino.levels.values), 'silent'].sort());
    for (const level of LOG_LEVELS) expect(logLevelFromEnv('info', { TRANSIT_WARDEN_LOG_LEVEL: level })).toBe(level);
    expect(logLevelFromEnv('warn', {})).toBe('warn');
    expect(logLevelFromEnv('silent', { TRANSIT_WARDEN_LOG_LEVEL: ' ' })).toBe('silent');
    expect(logLevelFromEnv('info', { TRANSIT_WARDEN_LOG_LEVEL: 'DEBUG' })).toBe('debug');
  });

  it('names the setting for a level pino does not have, instead of pino\'s own message', () => {
    expect(() => logLevelFromEnv('info', { TRANSIT_WARDEN_LOG_LEVEL: 'verbose' })).toThrowError(expect.objectContaining({
      code: 'INVALID_CONFIG',
      message: 'TRANSIT_WARDEN_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    }));
  });
});

describe('settingsFromEnv', () => {
  it('reads every app setting, with the defaults of a new deployment when none is set', () => {
    expect(settingsFromEnv({})).toEqual({
      config: DEFAULT_CONFIG, logLevel: 'info', sweepSchedule: DEFAULT_SWEEP_SCHEDULE, auditTableUrl: undefined,
      auditFile: DEFAULT_AUDIT_FILE, notifyTopicEndpoint: undefined, identityClientId: undefined,
    });
    expect(settingsFromEnv({
      TRANSIT_WARDEN_MODE: 'enforce',
      TRANSIT_WARDEN_LOG_LEVEL: 'warn',
      TRANSIT_WARDEN_SWEEP_SCHEDULE: '0 15 */2 * * *',
      TRANSIT_WARDEN_AUDIT_TABLE_URL: 'https://sttw.table.core.windows.net/auditrecords',
      TRANSIT_WARDEN_AUDIT_FILE: '/tmp/a.jsonl',
      TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT: 'https://tw.westeurope-1.eventgrid.azure.net/api/events',
      TRANSIT_WARDEN_TARGET_SUBSCRIPTIONS: SUB,
      AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      PATH: '/usr/bin',
    })).toMatchObject({
      config: { mode: 'enforce' }, logLevel: 'warn', sweepSchedule: '0 15 */2 * * *', auditTableUrl: 'https://sttw.table.core.windows.net/auditrecords',
      auditFile: '/tmp/a.jsonl', notifyTopicEndpoint: 'https://tw.westeurope-1.eventgrid.azure.net/api/events', identityClientId: '11111111-2222-3333-4444-555555555555',
    });
  });

  it.each([
    ['a misspelt setting', { TRANSIT_WARDEN_CONTROL_MODE: 'storage-min-tls=report' }, /^TRANSIT_WARDEN_CONTROL_MODE is not a transit-warden setting; the settings are TRANSIT_WARDEN_MODE, /],
    ['a setting in the wrong case', { Transit_Warden_Mode: 'enforce' }, /Transit_Warden_Mode is not a transit-warden setting \(setting names are case-sensitive: did you mean TRANSIT_WARDEN_MODE\?\)/],
    ['a table URL over plain http', { TRANSIT_WARDEN_AUDIT_TABLE_URL: 'http://sttw.table.core.windows.net/auditrecords' }, /^TRANSIT_WARDEN_AUDIT_TABLE_URL must use https/],
    ['a table URL without a table', { TRANSIT_WARDEN_AUDIT_TABLE_URL: 'https://sttw.table.core.windows.net/' }, /^TRANSIT_WARDEN_AUDIT_TABLE_URL must end with a table name/],
    ['a table URL with a query', { TRANSIT_WARDEN_AUDIT_TABLE_URL: 'https://sttw.table.core.windows.net/audit?sv=2022-11-02' }, /^TRANSIT_WARDEN_AUDIT_TABLE_URL must not carry a query string/],
    ['a table URL that is no URL', { TRANSIT_WARDEN_AUDIT_TABLE_URL: 'sttw/auditrecords' }, /^TRANSIT_WARDEN_AUDIT_TABLE_URL must be the audit table's URL, .*; got "sttw\/auditrecords"/],
    ['a log level pino lacks', { TRANSIT_WARDEN_LOG_LEVEL: 'verbose' }, /^TRANSIT_WARDEN_LOG_LEVEL must be one of/],
    ['a schedule that is no NCRONTAB', { TRANSIT_WARDEN_SWEEP_SCHEDULE: '0 0 * * MON' }, /^TRANSIT_WARDEN_SWEEP_SCHEDULE /],
    ['a notification endpoint over http', { TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT: 'http://tw.example/api/events' }, /^TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT must use https/],
    ['a budget that is not a whole number', { TRANSIT_WARDEN_WRITE_BUDGET: '1e3' }, /^TRANSIT_WARDEN_WRITE_BUDGET must be a positive whole number, got "1e3"/],
    ['a connection string in the table URL', { TRANSIT_WARDEN_AUDIT_TABLE_URL: 'DefaultEndpointsProtocol=https;AccountName=sttw;EndpointSuffix=core.windows.net' }, /^TRANSIT_WARDEN_AUDIT_TABLE_URL: the value looks like a secret\/connection string; not shown/],
    ['a lease table URL over plain http', { TRANSIT_WARDEN_LEASE_TABLE_URL: 'http://sttw.table.core.windows.net/leases' }, /^TRANSIT_WARDEN_LEASE_TABLE_URL must use https/],
    ['a lease table URL with a SAS', { TRANSIT_WARDEN_LEASE_TABLE_URL: 'https://sttw.table.core.windows.net/leases?sv=2022-11-02&sp=raud' }, /^TRANSIT_WARDEN_LEASE_TABLE_URL must not carry a query string/],
    ['a lease table URL that is no URL', { TRANSIT_WARDEN_LEASE_TABLE_URL: 'sttw/leases' }, /^TRANSIT_WARDEN_LEASE_TABLE_URL must be the lease table's URL, .*; got "sttw\/leases"/],
    ['a lease table URL with a bad table name', { TRANSIT_WARDEN_LEASE_TABLE_URL: 'https://sttw.table.core.windows.net/lease-table' }, /^TRANSIT_WARDEN_LEASE_TABLE_URL must end with a table name/],
    ['the audit table as lease table', {
      TRANSIT_WARDEN_AUDIT_TABLE_URL: 'https://sttw.table.core.windows.net/auditrecords', TRANSIT_WARDEN_LEASE_TABLE_URL: 'https://STTW.table.core.windows.net/auditrecords/',
    }, /^TRANSIT_WARDEN_LEASE_TABLE_URL names the audit table \(TRANSIT_WARDEN_AUDIT_TABLE_URL\); leases and intents need a table of their own/],
  ])('refuses %s, naming the setting', (_, env, message) => {
    expect(() => settingsFromEnv(env)).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringMatching(message) }));
  });

  it('puts leases beside the audit table unless TRANSIT_WARDEN_LEASE_TABLE_URL says where, and nowhere shared without a table', () => {
    const audit = 'https://sttw.table.core.windows.net/auditrecords';
    expect(settingsFromEnv({}).leaseTableUrl).toBeUndefined();
    expect(settingsFromEnv({ TRANSIT_WARDEN_AUDIT_TABLE_URL: audit }).leaseTableUrl).toBe('https://sttw.table.core.windows.net/auditrecordsleases');
    // Cut so that the name stays within the service's 63 characters.
    const long = `https://sttw.table.core.windows.net/a${'b'.repeat(62)}`;
    const derived = settingsFromEnv({ TRANSIT_WARDEN_AUDIT_TABLE_URL: long }).leaseTableUrl ?? '';
    expect(derived.split('/').pop()).toHaveLength(63);
    expect(settingsFromEnv({ TRANSIT_WARDEN_AUDIT_TABLE_URL: audit, TRANSIT_WARDEN_LEASE_TABLE_URL: 'https://other.table.core.windows.net/twleases' }).leaseTableUrl)
      .toBe('https://other.table.core.windows.net/twleases');
  });

  it('refuses a connection string as lease table URL without repeating it', () => {
    const secret = 'DefaultEndpointsProtocol=https;AccountName=sttw;AccountKey=' + 'A'.repeat(86) + '==;EndpointSuffix=core.windows.net';
    let message = '';
    try {
      settingsFromEnv({ TRANSIT_WARDEN_LEASE_TABLE_URL: secret });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^TRANSIT_WARDEN_LEASE_TABLE_URL: the value looks like a secret\/connection string; not shown/);
    expect(message).not.toContain('AccountKey');
    expect(message).not.toContain('AAAA');
  });

  it('lists every setting it reads in SETTINGS, each a TRANSIT_WARDEN_ name', () => {
    const names = Object.values(SETTINGS);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^TRANSIT_WARDEN_[A-Z_]+$/);
  });
});
