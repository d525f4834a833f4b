import { describe, expect, it } from 'vitest';
import { ArmGateway } from '../../src/azure/gateway';
import { parseResourceId } from '../../src/core/resource-id';
import { ArmSandbox } from '../../src/sandbox/arm-sandbox';
import { resourceGroup, site, siteId, storageAccount, storageAccountId } from '../fixtures/arm';

function gatewayFor(sandbox: ArmSandbox): ArmGateway {
  return new ArmGateway({ credential: sandbox.credential, httpClient: sandbox.httpClient, endpoint: sandbox.endpoint, pollIntervalMs: 5 });
}

describe('ARM gateway', () => {
  it('sends an HTTPS-only storage fix on the wire although @azure/arm-storage 20.0.0 would send {}', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), storageAccount({ supportsHttpsTrafficOnly: false })] });
    const result = await gatewayFor(sandbox).patch(parseResourceId(storageAccountId()), 'self', { properties: { supportsHttpsTrafficOnly: true } });
    expect(sandbox.writes.map((w) => w.body)).toEqual([{ properties: { supportsHttpsTrafficOnly: true } }]);
    expect(result.properties).toMatchObject({ supportsHttpsTrafficOnly: true });
  });

  it('returns wire JSON, not the SDK model: storage keeps supportsHttpsTrafficOnly under properties', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), storageAccount({ supportsHttpsTrafficOnly: true })] });
    const snapshot = await gatewayFor(sandbox).read(parseResourceId(storageAccountId()), ['self']);
    expect(snapshot.resource.properties).toMatchObject({ supportsHttpsTrafficOnly: true });
    expect(snapshot.resource).not.toHaveProperty('enableHttpsTrafficOnly');
  });

  it('reads a site and its config/web in one snapshot', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), site({ httpsOnly: true })] });
    const snapshot = await gatewayFor(sandbox).read(parseResourceId(siteId()), ['self', 'config/web']);
    expect(snapshot.resource.type).toBe('Microsoft.Web/sites');
    expect(snapshot.documents['config/web']?.type).toBe('Microsoft.Web/sites/config');
  });

  it('refuses a patch property it cannot map instead of letting the SDK drop it silently', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup(), storageAccount({})] });
    // isHnsEnabled is in the GET model but not in StorageAccountPropertiesUpdateParameters.
    await expect(gatewayFor(sandbox).patch(parseResourceId(storageAccountId()), 'self', { properties: { isHnsEnabled: true } }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(sandbox.counts().writes).toBe(0);
  });

  it('turns a 404 into RESOURCE_NOT_FOUND and an unknown type into UNSUPPORTED_RESOURCE_TYPE', async () => {
    const sandbox = new ArmSandbox({ estate: [resourceGroup()] });
    const gateway = gatewayFor(sandbox);
    await expect(gateway.read(parseResourceId(storageAccountId()), ['self'])).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
    const vm = parseResourceId('/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1');
    await expect(gateway.read(vm, ['self'])).rejects.toMatchObject({ code: 'UNSUPPORTED_RESOURCE_TYPE' });
  });
});
