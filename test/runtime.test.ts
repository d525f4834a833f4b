import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const SUB = '6b1f0c52-8a7e-4f2b-9f3c-2d4e5a6b7c8d';

describe('getRuntime (the deployed app\'s wiring, from app settings)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('builds config, the JSONL audit store and the notifier from app settings, once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-runtime-'));
    vi.stubEnv('TRANSIT_WARDEN_MODE', 'enforce');
    vi.stubEnv('TRANSIT_WARDEN_ALLOWED_SUBSCRIPTIONS', SUB.toUpperCase());
    vi.stubEnv('TRANSIT_WARDEN_CONTROL_MODES', 'storage-min-tls=report');
    vi.stubEnv('TRANSIT_WARDEN_AUDIT_FILE', path.join(dir, 'audit.jsonl'));
    vi.stubEnv('TRANSIT_WARDEN_AUDIT_TABLE_URL', '');
    vi.stubEnv('TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT', 'https://tw-outcomes.westeurope-1.eventgrid.azure.net/api/events');
    vi.stubEnv('TRANSIT_WARDEN_LOG_LEVEL', 'silent');
    const { getRuntime } = await import('../src/runtime');
    const runtime = getRuntime();
    expect(runtime.config).toMatchObject({ mode: 'enforce', allowedSubscriptions: [SUB], controlModes: { 'storage-min-tls': 'report' } });
    expect(runtime.catalog.length).toBeGreaterThanOrEqual(18);
    expect(getRuntime()).toBe(runtime);
  });

  it('fails at start-up, naming the setting, on a bad value', async () => {
    vi.stubEnv('TRANSIT_WARDEN_MODE', 'enforced');
    const { getRuntime } = await import('../src/runtime');
    expect(() => getRuntime()).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringMatching(/^TRANSIT_WARDEN_MODE must be enforce or dry-run/) }));
  });

  it('refuses a notification endpoint that is not https', async () => {
    vi.stubEnv('TRANSIT_WARDEN_LOG_LEVEL', 'silent');
    vi.stubEnv('TRANSIT_WARDEN_AUDIT_FILE', path.join(mkdtempSync(path.join(tmpdir(), 'tw-runtime-')), 'a.jsonl'));
    vi.stubEnv('TRANSIT_WARDEN_NOTIFY_TOPIC_ENDPOINT', 'http://tw-outcomes.example/api/events');
    const { getRuntime } = await import('../src/runtime');
    expect(() => getRuntime()).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});
