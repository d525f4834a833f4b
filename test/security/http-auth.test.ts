/**
 * The HTTP surface: the function key is the host's job (authLevel 'function' in the registration),
 * filters are the handler's (bad ones are 400, never a silently wider query).
 */
import * as functions from '@azure/functions';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SWEEP_SCHEDULE } from '../../src/config';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { auditApi } from '../../src/handlers/audit-api';

// Captures what functions/*.ts register, instead of the host's registration.
const registered = vi.hoisted(() => ({
  http: new Map<string, { authLevel?: string; methods?: string[] }>(),
  timer: new Map<string, { schedule?: string }>(),
}));
vi.mock('@azure/functions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@azure/functions')>();
  const http = (name: string, options: { authLevel?: string; methods?: string[] }) => void registered.http.set(name, options);
  const timer = (name: string, options: { schedule?: string }) => void registered.timer.set(name, options);
  // The other triggers are registered too, but carry no access setting of their own.
  const ignore = () => undefined;
  const app = { ...actual.app, http, timer, eventGrid: ignore, storageQueue: ignore };
  return { ...actual, app, default: { ...actual, app } };
});

const handler = auditApi({ audit: new MemoryAuditStore() });
const context = () => new functions.InvocationContext({ functionName: 'audit', logHandler: () => undefined });
const get = (query: string) => new functions.HttpRequest({ method: 'GET', url: `http://localhost:7071/api/audit${query}` });

const FUNCTIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../functions');

describe('HTTP functions', () => {
  // The HTTP API and the review page have no sign-in of their own: the Functions host checks the
  // key (authLevel function or admin) before any handler runs. Every HTTP registration in
  // functions/*.ts must say so; an 'anonymous' one would publish the audit log.
  it('registers every HTTP function in functions/*.ts with authLevel function or admin, GET only', async () => {
    await import('../../functions/index');
    const sources = readdirSync(FUNCTIONS_DIR).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(FUNCTIONS_DIR, f), 'utf8'));
    const declared = sources.reduce((n, source) => n + (source.match(/\.app\.http\(/g) ?? []).length, 0);
    // index.ts imports every registration file: each declared HTTP function was registered.
    expect(declared).toBeGreaterThanOrEqual(2);
    expect(registered.http.size).toBe(declared);
    expect([...registered.http.keys()].sort()).toEqual(expect.arrayContaining(['audit', 'review']));
    for (const [name, options] of registered.http) {
      expect(['function', 'admin'], name).toContain(options.authLevel);
      expect(options.methods, name).toEqual(['GET']);
    }
  });

  it('registers the drift-sweep timer with the validated schedule', async () => {
    await import('../../functions/index');
    expect(registered.timer.get('driftSweep')).toMatchObject({ schedule: DEFAULT_SWEEP_SCHEDULE });
  });

  it('does not register the timer with a bad schedule: the import throws, naming the setting', async () => {
    vi.resetModules();
    vi.stubEnv('TRANSIT_WARDEN_SWEEP_SCHEDULE', '0 */6 * * *');
    try {
      await expect(import('../../functions/driftSweep')).rejects.toMatchObject({
        code: 'INVALID_CONFIG', message: expect.stringContaining('TRANSIT_WARDEN_SWEEP_SCHEDULE "0 */6 * * *" must have six fields'),
      });
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it.each([
    ['an unknown parameter', '?resourceGroup=rg'],
    ['an outcome outside the list', '?outcome=deleted'],
    ['a control id that is not kebab-case', '?control=..%2F..%2Fetc'],
    ['a zone-less time', '?since=2026-11-23T12:00:00'],
    ['an impossible date', '?until=2026-02-30'],
    ['since after until', '?since=2026-11-24&until=2026-11-23'],
    ['a limit above the maximum', '?limit=10001'],
    ['a negative limit', '?limit=-1'],
    ['a limit that is not a number', '?limit=1e3'],
    ['a resource id that is not one', '?resourceId=sites/app'],
    ['a parameter given twice', '?outcome=fixed&outcome=failed'],
  ])('answers 400 for %s', async (_why, query) => {
    const response = await handler(get(query), context());
    expect(response.status).toBe(400);
    expect(response.jsonBody).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('answers 405 for methods other than GET', async () => {
    const response = await handler(new functions.HttpRequest({ method: 'DELETE', url: 'http://localhost:7071/api/audit' }), context());
    expect(response.status).toBe(405);
  });
});
