/**
 * config/authsettingsV2 through the SDK, the gateway and the emulator: the only write the spec offers
 * is a PUT of the whole document (WebApps_UpdateAuthSettingsV2), so the fix must send the document
 * back as read, secret setting names and all, with only httpSettings.requireHttps changed.
 */
import { describe, expect, it } from 'vitest';
import { resourceGroup, siteId, slot, slotId, webApp } from '../fixtures/arm';
import { byControl, sandboxEngine } from '../helpers/sandbox-runtime';
import { raw } from '../sandbox/clients';
import { authSettingsV2 } from '../../src/kinds/appservice/fixtures';
import { parseResourceId } from '../../src/core/resource-id';
import { readPath, type ArmObject, type JsonObject } from '../../src/controls/types';
import { evaluatedResourceOf } from '../../src/events/evaluated-resource';
import { catalog } from '../../src/controls';

const TARGET = 'config/authsettingsV2';
const drifted = (name: string): ArmObject[] => [
  resourceGroup(),
  ...webApp({ httpsOnly: true, clientCertEnabled: true }, { ftpsState: 'FtpsOnly' }, { name }),
  authSettingsV2(siteId(name), false),
];

/** The document with requireHttps taken out: what must be unchanged by the fix. */
function withoutRequireHttps(document: ArmObject | undefined): JsonObject {
  const copy = structuredClone(document ?? {}) as JsonObject;
  delete (readPath(copy, 'properties.httpSettings') as JsonObject).requireHttps;
  return copy;
}

describe('config/authsettingsV2 write-back', () => {
  it('fixes requireHttps by a PUT that changes nothing else, says so, and records only the path', async () => {
    const t = sandboxEngine(drifted('app-auth'));
    const documentId = `${siteId('app-auth')}/${TARGET}`;
    const stored = t.sandbox.get(documentId);
    const record = byControl(await t.process(siteId('app-auth')))['appservice-auth-require-https'];

    expect(record).toMatchObject({ outcome: 'fixed', verified: true, before: { properties: { httpSettings: { requireHttps: false } } }, after: { properties: { httpSettings: { requireHttps: true } } } });
    expect(record.reason).toMatch(/written as a PUT of the document just read/);
    // The secret setting name, the provider and every other section are as they were.
    const after = t.sandbox.get(documentId);
    expect(readPath(after ?? {}, 'properties.httpSettings.requireHttps')).toBe(true);
    expect(withoutRequireHttps(after)).toEqual(withoutRequireHttps(stored));
    expect(readPath(after ?? {}, 'properties.identityProviders.google.registration.clientSecretSettingName')).toBe('ClientSecret');
    // Nothing of the document beyond the fixed path is in the audit record.
    expect(JSON.stringify(record)).not.toMatch(/ClientSecret|googleusercontent/);
    const writes = t.sandbox.calls.filter((c) => c.kind === 'write').map((c) => `${c.method} ${c.path}`);
    expect(writes).toEqual([`PUT ${documentId}`]);
  });

  it('fixes a slot the same way', async () => {
    const t = sandboxEngine([...drifted('app-contoso'), slot({ httpsOnly: true, clientCertEnabled: true }), authSettingsV2(slotId(), false)]);
    const records = byControl(await t.process(slotId()));
    expect(records['appservice-auth-require-https']).toMatchObject({ outcome: 'fixed', verified: true });
    expect(readPath(t.sandbox.get(`${slotId()}/${TARGET}`) ?? {}, 'properties.httpSettings.requireHttps')).toBe(true);
  });

  it('reads the document again right before the PUT, so a change made since the engine read it survives', async () => {
    const t = sandboxEngine(drifted('app-race'));
    const id = parseResourceId(siteId('app-race'));
    const documentId = `${siteId('app-race')}/${TARGET}`;
    await t.gateway.read(id, [TARGET]);
    const changed = structuredClone(t.sandbox.get(documentId) ?? {}) as ArmObject;
    (readPath(changed, 'properties.globalValidation') as JsonObject).excludedPaths = ['/health'];
    t.sandbox.set(changed);

    await t.gateway.patch(id, TARGET, { properties: { httpSettings: { requireHttps: true } } });
    expect(readPath(t.sandbox.get(documentId) ?? {}, 'properties.globalValidation.excludedPaths')).toEqual(['/health']);
    expect(readPath(t.sandbox.get(documentId) ?? {}, 'properties.httpSettings.requireHttps')).toBe(true);
  });

  it('refuses a fix that would rewrite a section the facts keep whole', async () => {
    const t = sandboxEngine(drifted('app-guard'));
    const id = parseResourceId(siteId('app-guard'));
    await expect(t.gateway.patch(id, TARGET, { properties: { login: { tokenStore: { enabled: false } } } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(t.sandbox.calls.filter((c) => c.kind === 'write')).toEqual([]);
  });

  it('is refused by the emulator as Azure would: no PATCH, no value outside an enum', async () => {
    const t = sandboxEngine(drifted('app-rules'));
    const path = `${siteId('app-rules')}/${TARGET}`;
    const stored = structuredClone(t.sandbox.get(path) ?? {}) as JsonObject;

    expect((await raw(t.sandbox, 'PATCH', path, { body: { properties: { httpSettings: { requireHttps: true } } } })).status).toBe(400);
    const badProxy = structuredClone(stored);
    (readPath(badProxy, 'properties.httpSettings.forwardProxy') as JsonObject).convention = 'NotInTheSpec';
    expect((await raw(t.sandbox, 'PUT', path, { body: badProxy })).status).toBe(400);
    // A PUT that leaves a section out is valid and resets it (which is why the adapter sends the
    // document as read); the emulator records it as the removal it is.
    const withoutProviders = structuredClone(stored);
    delete (withoutProviders.properties as JsonObject).identityProviders;
    expect((await raw(t.sandbox, 'PUT', path, { body: withoutProviders })).status).toBe(200);
    expect(readPath(t.sandbox.get(path) ?? {}, 'properties.identityProviders')).toBeUndefined();
    expect(t.sandbox.writes.at(-1)?.paths).toContain('properties.identityProviders.google.registration.clientSecretSettingName');
    // config/web keeps its own rules: a PATCH of it is still served.
    expect((await raw(t.sandbox, 'PATCH', `${siteId('app-rules')}/config/web`, { body: { properties: { minTlsVersion: '1.2' } } })).status).toBe(200);
  });

  it('gives every site and slot a config/authsettingsV2 that passes when the estate lists none', async () => {
    const t = sandboxEngine([resourceGroup(), ...webApp({ httpsOnly: true, clientCertEnabled: true }, { ftpsState: 'FtpsOnly' }, { name: 'app-plain' })]);
    expect(t.sandbox.get(`${siteId('app-plain')}/${TARGET}`)).toMatchObject({ type: 'Microsoft.Web/sites/config', properties: { platform: { enabled: false }, httpSettings: { requireHttps: true } } });
    const records = byControl(await t.process(siteId('app-plain')));
    expect(records['appservice-auth-require-https']).toMatchObject({ outcome: 'compliant' });
  });

  it('maps a write event of config/authsettingsV2 (any spelling) to its site or slot', () => {
    expect(evaluatedResourceOf(parseResourceId(`${siteId()}/config/authsettingsv2`), catalog)).toEqual({ covered: true, resourceId: siteId(), resourceType: 'Microsoft.Web/sites' });
    expect(evaluatedResourceOf(parseResourceId(`${slotId()}/config/authsettingsV2`), catalog)).toMatchObject({ covered: true, resourceId: slotId() });
  });
});
