/**
 * API Management APIs have no Resource Graph rows, so ARM list calls are how a sweep finds them:
 * the lister lists the services, then each service's APIs (Api_ListByService); a write event on
 * …/service/{name}/apis/{apiId} is evaluated on the API itself. Revisions (apis/{apiId};rev=n) are
 * resources of their own and are judged like the current one.
 */
import { describe, expect, it } from 'vitest';
import { ListSource } from '../../azure/list-source';
import { catalog } from '../../controls';
import { parseResourceId } from '../../core/resource-id';
import { runSweep } from '../../engine/sweep';
import { createIntake } from '../../events/intake';
import { eventFor } from '../../../bench/estate';
import { resourceGroup, SUBSCRIPTION_ID } from '../../../test/fixtures/arm';
import { FIXED_NOW, sandboxEngine } from '../../../test/helpers/sandbox-runtime';
import type { ArmObject, JsonObject } from '../../controls/types';
import { apimApi, apimApiId, apimServiceId, sampleApimService } from './fixtures';

/** An API of the second service, `apim-fabrikam`. */
function fabrikamApi(protocols: string[], apiId: string): ArmObject {
  const api = apimApi(protocols, { apiId });
  return { ...api, id: apimApiId(apiId, 'apim-fabrikam') };
}

function estate(): ArmObject[] {
  const second = { ...sampleApimService(), id: apimServiceId('apim-fabrikam'), name: 'apim-fabrikam' };
  return [
    resourceGroup(),
    sampleApimService(),
    apimApi(['http', 'https'], { apiId: 'echo-api' }),
    apimApi(['http'], { apiId: 'echo-api;rev=2', isCurrent: false }),
    apimApi(['https'], { apiId: 'secure-api' }),
    second,
    fabrikamApi(['ws'], 'chat-api'),
  ];
}

const protocolsOf = (t: ReturnType<typeof sandboxEngine>, id: string) => (t.sandbox.get(id)?.properties as JsonObject).protocols;

// The emulator's list answers every API it holds, revisions included; Azure's Api_ListByService
// example shows only current ones (src/kinds/apim/facts.ts), so this proves the lister passes on
// what the list returns, not that Azure lists revisions.
describe('apim lister and events: APIs', () => {
  it('a list sweep lists every service\'s APIs (revisions too) and fixes the drifted ones', async () => {
    const t = sandboxEngine(estate());
    const source = new ListSource({ credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog });
    const { records } = await runSweep({ engine: t.engine, source, catalog, runId: 'apis-sweep', now: FIXED_NOW, concurrency: 1 });
    const fixed = records.filter((r) => r.control === 'apim-api-https-only' && r.outcome === 'fixed').map((r) => r.resourceId.toLowerCase()).sort();
    expect(fixed).toEqual([apimApiId('echo-api'), apimApiId('echo-api;rev=2'), apimApiId('chat-api', 'apim-fabrikam')].map((id) => id.toLowerCase()).sort());
    expect(protocolsOf(t, apimApiId('echo-api'))).toEqual(['https']);
    expect(protocolsOf(t, apimApiId('echo-api;rev=2'))).toEqual(['https']);
    expect(protocolsOf(t, apimApiId('chat-api', 'apim-fabrikam'))).toEqual(['wss']);
    expect(protocolsOf(t, apimApiId('secure-api'))).toEqual(['https']);
    const listed = t.sandbox.calls.filter((c) => c.method === 'GET' && /\/apis$/i.test(c.path)).map((c) => c.path.toLowerCase()).sort();
    expect(listed).toEqual([`${apimServiceId()}/apis`, `${apimServiceId('apim-fabrikam')}/apis`].map((p) => p.toLowerCase()).sort());
  });

  it('a write event on an API evaluates and fixes that API only', async () => {
    const t = sandboxEngine(estate());
    const intake = createIntake({ engine: t.engine, config: { allowedSubscriptions: [SUBSCRIPTION_ID], ownIdentities: [] }, catalog });
    const summary = await intake.handle([eventFor(apimApiId('echo-api'), 'api-event-1')]);
    expect(summary.rejected).toEqual([]);
    expect(summary.records.map((r) => [r.resourceId, r.control, r.outcome])).toEqual([[apimApiId('echo-api'), 'apim-api-https-only', 'fixed']]);
    expect(t.sandbox.writes.map((w) => w.body)).toEqual([{ properties: { protocols: ['https'] } }]);
  });

  it('a write event on a non-current revision (apis/{apiId};rev=2) evaluates and fixes that revision', async () => {
    const t = sandboxEngine(estate());
    const intake = createIntake({ engine: t.engine, config: { allowedSubscriptions: [SUBSCRIPTION_ID], ownIdentities: [] }, catalog });
    const summary = await intake.handle([eventFor(apimApiId('echo-api;rev=2'), 'api-event-rev')]);
    expect(summary.rejected).toEqual([]);
    expect(summary.records.map((r) => [r.resourceId, r.outcome])).toEqual([[apimApiId('echo-api;rev=2'), 'fixed']]);
    expect(protocolsOf(t, apimApiId('echo-api;rev=2'))).toEqual(['https']);
    expect(protocolsOf(t, apimApiId('echo-api'))).toEqual(['http', 'https']);
  });

  it('the adapter refuses to PATCH an API it has not read (no ETag for If-Match), as a retryable 412', async () => {
    const t = sandboxEngine(estate());
    await expect(t.gateway.patch(parseResourceId(apimApiId('echo-api')), 'self', { properties: { protocols: ['https'] } }))
      .rejects.toMatchObject({ code: 'ARM_REQUEST_FAILED', details: { status: 412 } });
    expect(t.sandbox.writes).toEqual([]);
  });
});
