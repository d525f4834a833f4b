import { describe, expect, it } from 'vitest';
import { checkControlModes, configFromEnv, DEFAULT_CONFIG, DEFAULT_SWEEP_SCHEDULE, sweepScheduleFromEnv } from '../src/config';
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
    });
    expect(config).toEqual({
      mode: 'enforce',
      controlModes: { 'storage-min-tls': 'report', 'redis-ssl-only': 'dry-run' },
      allowedSubscriptions: [SUB.toLowerCase(), '00000000-0000-0000-0000-0000000000bb'],
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
    expect(sweepScheduleFromEnv({})).toBe(DEFAULT_SWEEP_SCHEDULE);
    expect(sweepScheduleFromEnv({ TRANSIT_WARDEN_SWEEP_SCHEDULE: '' })).toBe('0 0 */6 * * *');
  });
});
