/**
 * The HTTP surface: the function key is the host's job (authLevel 'function' in the registration),
 * filters are the handler's (bad ones are 400, never a silently wider query).
 */
import * as functions from '@azure/functions';
import { describe, expect, it, vi } from 'vitest';
import { MemoryAuditStore } from '../../src/audit/memory-store';
import { auditApi } from '../../src/handlers/audit-api';

// Captures what functions/*.ts register, instead of the host's registration.
const registered = vi.hoisted(() => new Map<string, { authLevel?: string; methods?: string[] }>());
vi.mock('@azure/functions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@azure/functions')>();
  const http = (name: string, options: { authLevel?: string; methods?: string[] }) => void registered.set(name, options);
  return { ...actual, app: { ...actual.app, http }, default: { ...actual, app: { ...actual.app, http } } };
});

const handler = auditApi({ audit: new MemoryAuditStore() });
const context = () => new functions.InvocationContext({ functionName: 'audit', logHandler: () => undefined });
const get = (query: string) => new functions.HttpRequest({ method: 'GET', url: `http://localhost:7071/api/audit${query}` });

describe('HTTP functions', () => {
  // Static import paths: the bundler and vite resolve them without guessing.
  const entries: Record<string, () => Promise<unknown>> = { audit: () => import('../../functions/audit'), review: () => import('../../functions/review') };

  it.each(Object.keys(entries))('registers %s with authLevel function, GET only', async (name) => {
    await entries[name]();
    expect(registered.get(name)).toMatchObject({ authLevel: 'function', methods: ['GET'] });
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
