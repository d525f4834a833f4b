import { describe, expect, it } from 'vitest';
import { defineControl, fail, notApplicable } from '../../src/controls/types';
import { catalog } from '../../src/controls';
import { roleActions } from '../../src/deploy/role';
import {
  redisCache, redisCacheId, resourceGroup, site, siteConfig, siteId, slot, slotId, storageAccount, storageAccountId, webApp,
} from '../fixtures/arm';
import { byControl, sandboxEngine } from '../helpers/sandbox-runtime';

const REASON = 'Legacy POS terminals speak TLS 1.0 only; PRJ-4411';

describe('engine through the official SDK clients and the ARM emulator', () => {
  it('fixes a non-compliant web app with one site PATCH and one config PATCH, and verifies both', async () => {
    const t = sandboxEngine([resourceGroup(), ...webApp({ httpsOnly: false }, { minTlsVersion: '1.0', scmMinTlsVersion: '1.0', ftpsState: 'AllAllowed' })]);
    const records = byControl(await t.process(siteId()));

    for (const id of ['appservice-https-only', 'appservice-min-tls', 'appservice-scm-min-tls', 'appservice-ftps-only']) {
      expect(records[id]).toMatchObject({ outcome: 'fixed', verified: true, mode: 'enforce' });
    }
    expect(records['appservice-client-cert']).toMatchObject({ outcome: 'noncompliant', mode: 'report' });
    expect(records['appservice-min-tls']).toMatchObject({ before: { properties: { minTlsVersion: '1.0' } }, after: { properties: { minTlsVersion: '1.2' } } });

    expect(t.sandbox.writes.map((w) => [w.target, w.paths.sort()])).toEqual(
      expect.arrayContaining([
        ['self', ['properties.httpsOnly']],
        ['config/web', ['properties.ftpsState', 'properties.minTlsVersion', 'properties.scmMinTlsVersion']],
      ]),
    );
    expect(t.sandbox.writes).toHaveLength(2);
    expect(t.sandbox.get(siteId())?.properties).toMatchObject({ httpsOnly: true });
    expect(t.sandbox.get(`${siteId()}/config/web`)?.properties).toMatchObject({ minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'FtpsOnly' });
  });

  it('records compliant resources and writes nothing', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2' })]);
    const records = await t.process(storageAccountId());
    expect(records.map((r) => r.outcome)).toEqual(['compliant', 'compliant']);
    expect(t.sandbox.writes).toHaveLength(0);
  });

  it('leaves stricter compliant values alone: TLS 1.3 and FTPS Disabled stay', async () => {
    const t = sandboxEngine([resourceGroup(), ...webApp({ httpsOnly: true }, { minTlsVersion: '1.3', scmMinTlsVersion: '1.3', ftpsState: 'Disabled' })]);
    const records = byControl(await t.process(siteId()));
    expect(records['appservice-min-tls'].outcome).toBe('compliant');
    expect(records['appservice-ftps-only'].outcome).toBe('compliant');
    expect(t.sandbox.writes).toHaveLength(0);
  });

  it('in dry-run records would-fix with the exact before and after and writes nothing', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_0' })], { config: { mode: 'dry-run' } });
    const records = byControl(await t.process(storageAccountId()));
    expect(records['storage-min-tls']).toMatchObject({
      outcome: 'would-fix', mode: 'dry-run', verified: null,
      before: { properties: { minimumTlsVersion: 'TLS1_0' } }, after: { properties: { minimumTlsVersion: 'TLS1_2' } },
    });
    expect(t.sandbox.writes).toHaveLength(0);
    expect(t.sandbox.counts().writes).toBe(0);
  });

  it('honours a dry-run mode tag on one resource while enforcing elsewhere', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { tags: { 'transit-warden-mode': 'dry-run' } })]);
    const records = byControl(await t.process(storageAccountId()));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'would-fix', mode: 'dry-run' });
    expect(t.sandbox.writes).toHaveLength(0);
  });

  it('keeps a control in report when configured so, recording noncompliant without writing', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })], { config: { controlModes: { 'storage-min-tls': 'report' } } });
    const records = byControl(await t.process(storageAccountId()));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'noncompliant', mode: 'report', after: null });
    expect(t.sandbox.writes).toHaveLength(0);
  });

  describe('exemptions', () => {
    it('skips the fix for a valid exemption on the resource and records its tags', async () => {
      const tags = { 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': REASON, 'transit-warden-exempt-until': '2027-03-31' };
      const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { tags })]);
      const records = byControl(await t.process(storageAccountId()));
      expect(records['storage-min-tls']).toMatchObject({
        outcome: 'exempt', exemption: { source: 'resource', scope: '*', reason: REASON, until: '2027-03-31', status: 'valid' },
      });
      expect(t.sandbox.writes).toHaveLength(0);
    });

    it('fixes once the exemption has lapsed and says so', async () => {
      const tags = { 'transit-warden-exempt': '*', 'transit-warden-exempt-reason': REASON, 'transit-warden-exempt-until': '2026-11-22' };
      const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { tags })]);
      const records = byControl(await t.process(storageAccountId()));
      expect(records['storage-min-tls']).toMatchObject({ outcome: 'fixed', reason: expect.stringContaining('lapsed after 2026-11-22'), exemption: { status: 'lapsed' } });
    });

    it('does not honour an exemption without a reason, and the record says why', async () => {
      const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' }, { tags: { 'transit-warden-exempt': '*' } })]);
      const records = byControl(await t.process(storageAccountId()));
      expect(records['storage-min-tls']).toMatchObject({ outcome: 'fixed', reason: expect.stringContaining('exemption not honoured'), exemption: { status: 'invalid' } });
    });

    it('applies an exemption tagged on the resource group', async () => {
      const rg = resourceGroup({ tags: { 'Transit-Warden-Exempt': '*', 'Transit-Warden-Exempt-Reason': REASON } });
      const t = sandboxEngine([rg, redisCache({ enableNonSslPort: true })]);
      const records = byControl(await t.process(redisCacheId()));
      expect(records['redis-ssl-only']).toMatchObject({ outcome: 'exempt', exemption: { source: 'resource-group' } });
      expect(t.sandbox.writes).toHaveLength(0);
    });

    it('exempts only the controls an exemption names and fixes the others', async () => {
      const tags = { 'transit-warden-exempt': 'appservice-ftps-only', 'transit-warden-exempt-reason': 'Partner uploads over plain FTP until 2027' };
      const t = sandboxEngine([resourceGroup(), site({ httpsOnly: true }, { tags }), siteConfig({ minTlsVersion: '1.0', ftpsState: 'AllAllowed' })]);
      const records = byControl(await t.process(siteId()));
      expect(records['appservice-ftps-only'].outcome).toBe('exempt');
      expect(records['appservice-min-tls'].outcome).toBe('fixed');
      expect(t.sandbox.writes.flatMap((w) => w.paths)).toEqual(['properties.minTlsVersion']);
    });
  });

  it('keeps unrelated properties exactly as they were', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ supportsHttpsTrafficOnly: false, minimumTlsVersion: 'TLS1_2' })]);
    const before = t.sandbox.get(storageAccountId());
    await t.process(storageAccountId());
    const after = t.sandbox.get(storageAccountId());
    expect(after?.properties).toEqual({ ...(before?.properties as object), supportsHttpsTrafficOnly: true });
    expect({ ...after, properties: null }).toEqual({ ...before, properties: null });
  });

  it('does not revert a concurrent change to another property made between read and write', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0', allowBlobPublicAccess: true })]);
    t.sandbox.faults.mutateBeforeWrite(storageAccountId(), (account) => {
      (account.properties as { allowBlobPublicAccess: boolean }).allowBlobPublicAccess = false;
    });
    await t.process(storageAccountId());
    expect(t.sandbox.get(storageAccountId())?.properties).toMatchObject({ minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false });
  });

  it('waits out a 429 with Retry-After and then fixes', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    t.sandbox.faults.throttle({ times: 1, retryAfterSeconds: 1, match: ({ method }) => method === 'PATCH' });
    const records = byControl(await t.process(storageAccountId()));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'fixed', verified: true });
    expect(t.sandbox.calls.filter((c) => c.method === 'PATCH').map((c) => c.status)).toEqual([429, 200]);
  });

  it('records failed with a reason, and does not crash, when the resource is deleted mid-fix', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    t.sandbox.faults.deleteBeforeWrite(storageAccountId());
    const records = byControl(await t.process(storageAccountId()));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'failed', verified: false, reason: expect.stringMatching(/404|not found/i) });
  });

  it('skips with a reason when the resource is gone before it is read', async () => {
    const t = sandboxEngine([resourceGroup()]);
    const records = await t.process(storageAccountId());
    expect(records.map((r) => r.outcome)).toEqual(['skipped', 'skipped']);
    expect(records[0].reason).toMatch(/not found/);
  });

  it('writes nothing and records nothing while ARM fails transiently, so the event is retried', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    t.sandbox.faults.serverError({ times: 20, status: 500, match: ({ path }) => !path.toLowerCase().includes('/providers/') });
    await expect(t.process(storageAccountId())).rejects.toMatchObject({ code: 'ARM_REQUEST_FAILED', details: { status: 500 } });
    expect(t.sandbox.writes).toHaveLength(0);
    expect(t.audit.size).toBe(0);
    // The redelivery, once ARM answers again, is evaluated in full: no `failed` record closed it.
    t.sandbox.faults.clear();
    expect(byControl(await t.process(storageAccountId()))['storage-min-tls']).toMatchObject({ outcome: 'fixed', verified: true });
  });

  it('writes nothing when the resource-group tags cannot be read, since an exemption could be missed', async () => {
    // A role without resource-group read: ARM answers 403, which a retry would meet again.
    const role = roleActions(catalog).filter((action) => action.toLowerCase() !== 'microsoft.resources/subscriptions/resourcegroups/read');
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })], { role });
    const records = await t.process(storageAccountId());
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.outcome === 'failed' && /could not read the resource or its resource group/.test(r.reason))).toBe(true);
    expect(t.sandbox.writes).toHaveLength(0);
  });

  it('fixes Redis through the long-running update and verifies the final state', async () => {
    const t = sandboxEngine([resourceGroup(), redisCache({ enableNonSslPort: true, minimumTlsVersion: '1.0' })]);
    const records = byControl(await t.process(redisCacheId()));
    expect(records['redis-ssl-only']).toMatchObject({ outcome: 'fixed', verified: true });
    expect(records['redis-min-tls']).toMatchObject({ outcome: 'fixed', verified: true });
    expect(t.sandbox.writes).toHaveLength(1);
    expect(t.sandbox.counts().polls).toBeGreaterThan(0);
  });

  it('fixes a deployment slot through the slot endpoints', async () => {
    const t = sandboxEngine([
      resourceGroup(), ...webApp({ httpsOnly: true }, { minTlsVersion: '1.2' }),
      slot({ httpsOnly: false }), siteConfig({ minTlsVersion: '1.1' }, { slot: 'staging' }),
    ]);
    const records = byControl(await t.process(slotId()));
    expect(records['appservice-https-only'].outcome).toBe('fixed');
    expect(records['appservice-min-tls'].outcome).toBe('fixed');
    expect(t.sandbox.writes.map((w) => w.id.toLowerCase())).toEqual(expect.arrayContaining([slotId().toLowerCase()]));
    expect(t.sandbox.get(siteId())?.properties).toMatchObject({ httpsOnly: true });
  });

  it('evaluates the same occurrence only once: a redelivery yields no fix and no record', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })]);
    expect(await t.process(storageAccountId(), 'event-1')).toHaveLength(2);
    t.sandbox.set(storageAccount({ minimumTlsVersion: 'TLS1_0' }));
    expect(await t.process(storageAccountId(), 'event-1')).toEqual([]);
    expect(t.sandbox.writes).toHaveLength(1);
    expect(await t.audit.query({})).toHaveLength(2);
  });

  it('records failed, never a pass, for a control that throws', async () => {
    const throwing = defineControl({
      id: 'storage-throws-always', title: 'throws', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [], resourceTypes: ['Microsoft.Storage/storageAccounts'], target: 'self', permissions: [],
      defaultMode: 'report', doc: { why: 'x', fix: 'x', sideEffects: 'x', exemptWhen: 'x' },
      evaluate: () => { throw new Error('boom'); },
    });
    const t = sandboxEngine([resourceGroup(), storageAccount({})], { catalog: [throwing] });
    const [record] = await t.process(storageAccountId());
    expect(record).toMatchObject({ outcome: 'failed', control: 'storage-throws-always', reason: expect.stringContaining('boom') });
  });

  it('records skipped with code not-applicable for a control that does not apply, and not-found for a resource gone when re-read', async () => {
    const premiumOnly = defineControl({
      id: 'storage-premium-only', title: 'premium only', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [], resourceTypes: ['Microsoft.Storage/storageAccounts'], target: 'self', permissions: [],
      defaultMode: 'report', doc: { why: 'x', fix: 'x', sideEffects: 'x', exemptWhen: 'x' },
      evaluate: () => notApplicable('a standard account has no such setting'),
    });
    const t = sandboxEngine([resourceGroup(), storageAccount({})], { catalog: [premiumOnly] });
    const [record] = await t.process(storageAccountId());
    expect(record).toMatchObject({ outcome: 'skipped', skipCode: 'not-applicable', reason: 'not applicable: a standard account has no such setting' });
    const [gone] = await t.process(storageAccountId('stnotthere'));
    expect(gone).toMatchObject({ outcome: 'skipped', skipCode: 'not-found' });
  });

  it('records failed when ARM accepts a PATCH but the re-read state still fails', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })], {
      wrapWriter: (writer) => ({ patch: async (id, target, _body) => writer.patch(id, target, { properties: { minimumTlsVersion: 'TLS1_1' } }) }),
    });
    const records = byControl(await t.process(storageAccountId()));
    expect(records['storage-min-tls']).toMatchObject({ outcome: 'failed', verified: false, reason: expect.stringContaining('still fails') });
  });
});

describe('guards', () => {
  it('stops fixing a resource × control that keeps flipping back, and says it is flapping', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_0' })], { config: { flap: { maxFixes: 3, windowMinutes: 60 } } });
    const outcomes: string[] = [];
    for (let i = 1; i <= 4; i++) {
      t.sandbox.set(storageAccount({ minimumTlsVersion: 'TLS1_0' }));
      t.clock.set(new Date(Date.UTC(2026, 10, 23, 12, i * 5)));
      const records = byControl(await t.process(storageAccountId(), `event-${i}`));
      outcomes.push(records['storage-min-tls'].outcome);
    }
    expect(outcomes).toEqual(['fixed', 'fixed', 'fixed', 'skipped']);
    const last = (await t.audit.query({ control: 'storage-min-tls' })).at(-1);
    expect(last?.reason).toMatch(/^flapping/);
    expect(last?.skipCode).toBe('flapping');
    expect(t.sandbox.get(storageAccountId())?.properties).toMatchObject({ minimumTlsVersion: 'TLS1_0' });
  });

  it('stops writing once the write budget is spent but keeps evaluating', async () => {
    const accounts = ['sta1', 'sta2', 'sta3'].map((name) => storageAccount({ minimumTlsVersion: 'TLS1_0' }, { name }));
    const t = sandboxEngine([resourceGroup(), ...accounts], { config: { writeBudget: { maxWrites: 2, windowMinutes: 60 } } });
    const outcomes = [];
    for (const name of ['sta1', 'sta2', 'sta3']) outcomes.push(byControl(await t.process(storageAccountId(name)))['storage-min-tls']);
    expect(outcomes.map((r) => r.outcome)).toEqual(['fixed', 'fixed', 'skipped']);
    expect(outcomes[2].reason).toMatch(/^budget/);
    expect(outcomes[2].skipCode).toBe('budget');
    expect(outcomes[0]).not.toHaveProperty('skipCode');
    expect(t.sandbox.writes).toHaveLength(2);
  });
});

describe('sweep hints (Resource Graph rows)', () => {
  const request = (resourceId: string, hint: { resource: Record<string, unknown>; documents: Record<string, Record<string, unknown>> }) => ({
    resourceId, trigger: 'sweep' as const, occurrence: 'sweep-1', eventId: null, correlationId: null, actor: null,
    hint: hint as never,
  });

  it('records report-only and exempt findings from the hint without reading the resource', async () => {
    const tags = { 'transit-warden-exempt': 'appservice-ftps-only', 'transit-warden-exempt-reason': 'Partner uploads over FTP until 2027' };
    const [siteObject, config] = webApp({ httpsOnly: true, clientCertEnabled: false }, { minTlsVersion: '1.2', scmMinTlsVersion: '1.2', ftpsState: 'AllAllowed' });
    siteObject.tags = tags;
    const t = sandboxEngine([resourceGroup(), siteObject, config]);
    // The rows hold every document a control reads (the site's config/authsettingsV2 as the sandbox made it).
    const auth = t.sandbox.get(`${siteId()}/config/authsettingsV2`) ?? {};
    const records = byControl(await t.engine.process(request(siteId(), { resource: siteObject, documents: { 'config/web': config, 'config/authsettingsV2': auth } })));
    expect(records['appservice-client-cert'].outcome).toBe('noncompliant');
    expect(records['appservice-ftps-only'].outcome).toBe('exempt');
    expect(t.sandbox.calls.filter((c) => c.path.toLowerCase().includes('/providers/microsoft.web/'))).toEqual([]);
  });

  it('re-reads before any write, so a stale row never causes a fix ARM does not need', async () => {
    const t = sandboxEngine([resourceGroup(), storageAccount({ minimumTlsVersion: 'TLS1_2' })]);
    const staleRow = storageAccount({ minimumTlsVersion: 'TLS1_0' });
    const records = byControl(await t.engine.process(request(storageAccountId(), { resource: staleRow, documents: {} })));
    expect(records['storage-min-tls'].outcome).toBe('compliant');
    expect(t.sandbox.writes).toHaveLength(0);
    expect(t.sandbox.calls.some((c) => c.method === 'GET' && c.path.toLowerCase().includes('/storageaccounts/'))).toBe(true);
  });
});
