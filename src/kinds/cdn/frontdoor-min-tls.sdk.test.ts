/**
 * frontdoor-min-tls through @azure/arm-cdn and the emulator, beyond the shared enforce case: the
 * long-running update is followed at Microsoft.Cdn's own monitor, the certificate survives, and the
 * whole-tlsSettings write is what the SDK requires.
 */
import { describe, expect, it } from 'vitest';
import { resourceGroup } from '../../../test/fixtures/arm';
import { byControl, sandboxEngine } from '../../../test/helpers/sandbox-runtime';
import { parseResourceId } from '../../core/resource-id';
import { adapter } from './adapter';
import { customDomain, customDomainId, frontDoorMinTlsPatch, frontDoorProfile, frontDoorProfileId } from './fixtures';

const estate = () => [resourceGroup(), frontDoorProfile(), customDomain({ tlsSettings: { certificateType: 'CustomerCertificate', minimumTlsVersion: 'TLS10' } })];

describe('frontdoor-min-tls through the SDK and the emulator', () => {
  it('polls …/resourceGroups/{rg}/providers/Microsoft.Cdn/operationresults/{id} and keeps the customer certificate and its secret', async () => {
    const t = sandboxEngine(estate());
    const records = byControl(await t.process(customDomainId()));
    expect(records['frontdoor-min-tls']).toMatchObject({ outcome: 'fixed', verified: true });

    const polls = t.sandbox.calls.filter((c) => c.kind === 'poll');
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) expect(poll.path).toMatch(/\/resourceGroups\/[^/]+\/providers\/Microsoft\.Cdn\/operationresults\/[0-9a-f-]+$/i);
    const patch = t.sandbox.calls.find((c) => c.method === 'PATCH');
    expect(patch).toMatchObject({ apiVersion: '2023-05-01', status: 202 });

    expect(t.sandbox.get(customDomainId())?.properties).toMatchObject({
      hostName: 'www.contoso.com',
      tlsSettings: { certificateType: 'CustomerCertificate', minimumTlsVersion: 'TLS12', secret: { id: `${frontDoorProfileId()}/secrets/contoso-cert` } },
      azureDnsZone: { id: '' },
      domainValidationState: 'Approved',
      provisioningState: 'Succeeded',
    });
  });

  it('records would-fix in dry-run and writes nothing', async () => {
    const t = sandboxEngine(estate(), { config: { mode: 'dry-run' } });
    const records = byControl(await t.process(customDomainId()));
    expect(records['frontdoor-min-tls']).toMatchObject({ outcome: 'would-fix', before: { properties: { tlsSettings: { minimumTlsVersion: 'TLS10' } } } });
    expect(t.sandbox.counts().writes).toBe(0);
  });

  it('a change to the domain made between the read and the write survives (other properties are not sent)', async () => {
    const t = sandboxEngine([resourceGroup(), frontDoorProfile(), customDomain({ tlsSettings: { minimumTlsVersion: 'TLS10' } })]);
    t.sandbox.faults.mutateBeforeWrite(customDomainId(), (domain) => {
      (domain.properties as { azureDnsZone: { id: string } }).azureDnsZone.id = '/subscriptions/x/resourceGroups/dns/providers/Microsoft.Network/dnszones/contoso.com';
    });
    await t.process(customDomainId());
    expect(t.sandbox.writes.map((w) => w.body)).toEqual([frontDoorMinTlsPatch()]);
    expect(t.sandbox.get(customDomainId())?.properties).toMatchObject({
      azureDnsZone: { id: '/subscriptions/x/resourceGroups/dns/providers/Microsoft.Network/dnszones/contoso.com' },
      tlsSettings: { minimumTlsVersion: 'TLS12' },
    });
  });

  it('the SDK refuses a tlsSettings without certificateType (required by AFDDomainHttpsParameters), so a partial object can never be sent', async () => {
    const t = sandboxEngine(estate());
    const cdn = adapter({ credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, pollIntervalMs: 1 });
    await expect(cdn.patch(parseResourceId(customDomainId()), 'self', { properties: { tlsSettings: { minimumTlsVersion: 'TLS12' } } })).rejects.toThrow(/certificateType/);
    expect(t.sandbox.counts().writes).toBe(0);
  });

  it('refuses a property outside AFDDomainUpdateParameters before anything is sent', async () => {
    const t = sandboxEngine(estate());
    const cdn = adapter({ credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, pollIntervalMs: 1 });
    await expect(cdn.patch(parseResourceId(customDomainId()), 'self', { properties: { hostName: 'evil.example' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(t.sandbox.counts().writes).toBe(0);
  });
});
