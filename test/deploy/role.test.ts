import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { PLATFORM_PERMISSIONS } from '../../src/deploy/platform-permissions';
import { roleActions } from '../../src/deploy/role';
import { isWardenError } from '../../src/errors';
import { fakeCatalog, fakeControl } from './fixtures';

describe('roleActions', () => {
  it('grants no wildcard action for the shipped catalog', () => {
    const actions = roleActions(catalog);
    expect(actions.length).toBeGreaterThan(PLATFORM_PERMISSIONS.length);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it('includes every permission of every shipped control', () => {
    const actions = new Set(roleActions(catalog).map((a) => a.toLowerCase()));
    const missing = catalog.flatMap((c) => c.permissions.filter((p) => !actions.has(p.toLowerCase())).map((p) => `${c.id}: ${p}`));
    expect(missing).toEqual([]);
  });

  it('adds exactly the engine\'s own needs: resource group reads and Resource Graph queries', () => {
    expect([...PLATFORM_PERMISSIONS].sort()).toEqual([
      'Microsoft.ResourceGraph/resources/read',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
    ]);
    expect(roleActions([])).toEqual([
      'Microsoft.ResourceGraph/resources/read',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
    ]);
  });

  it('is the sorted union, with actions that differ only in case listed once', () => {
    const actions = roleActions([
      ...fakeCatalog,
      fakeControl({ id: 'fake-duplicate', permissions: ['microsoft.storage/storageaccounts/WRITE'] }),
    ]);
    expect(actions).toEqual([
      'Microsoft.DBforMySQL/flexibleServers/configurations/read',
      'Microsoft.DBforMySQL/flexibleServers/configurations/write',
      'Microsoft.ResourceGraph/resources/read',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Storage/storageAccounts/read',
      'Microsoft.Storage/storageAccounts/write',
      'Microsoft.Web/sites/config/read',
      'Microsoft.Web/sites/config/write',
      'Microsoft.Web/sites/slots/config/write',
    ]);
  });

  it('refuses a control that asks for a wildcard, naming the control', () => {
    const greedy = fakeControl({ id: 'fake-greedy', permissions: ['Microsoft.Storage/storageAccounts/*'] });
    let thrown: unknown;
    try {
      roleActions([greedy]);
    } catch (err) {
      thrown = err;
    }
    expect(isWardenError(thrown, 'INVALID_CONFIG')).toBe(true);
    expect((thrown as Error).message).toMatch(/fake-greedy.*wildcard/);
  });

  it.each([['*'], ['Microsoft.Storage'], ['Microsoft.Storage/storageAccounts/ write'], ['storageAccounts/write']])(
    'refuses %j, which is not an ARM action',
    (permission) => {
      expect(() => roleActions([fakeControl({ id: 'fake-odd', permissions: [permission] })])).toThrow(/fake-odd/);
    },
  );
});
