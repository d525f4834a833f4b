import { describe, expect, it } from 'vitest';
import { requiredAction } from '../../src/sandbox/rbac';

const SUB = '/subscriptions/00000000-0000-0000-0000-0000000000aa';
const RG = `${SUB}/resourceGroups/rg-shop`;

describe('requiredAction: the ARM action a request needs', () => {
  it.each([
    ['GET', `${RG}`, 'Microsoft.Resources/subscriptions/resourceGroups/read'],
    ['GET', `${RG}/providers/Microsoft.Web/sites/app`, 'Microsoft.Web/sites/read'],
    ['PATCH', `${RG}/providers/Microsoft.Web/sites/app/config/web`, 'Microsoft.Web/sites/config/write'],
    ['PATCH', `${RG}/providers/Microsoft.Web/sites/app/slots/staging/config/web`, 'Microsoft.Web/sites/slots/config/write'],
    ['GET', `${RG}/providers/Microsoft.Web/sites/app/slots`, 'Microsoft.Web/sites/slots/read'],
    ['GET', `${SUB}/providers/Microsoft.Cache/redisEnterprise`, 'Microsoft.Cache/redisEnterprise/read'],
    ['POST', `${RG}/providers/Microsoft.DBforMySQL/flexibleServers/db/restart`, 'Microsoft.DBforMySQL/flexibleServers/restart/action'],
    ['GET', `${SUB}/providers/Microsoft.Cache/locations/West%20Europe/asyncOperations/abc`, 'Microsoft.Cache/locations/asyncOperations/read'],
    ['GET', `${RG}/providers/Microsoft.Sql/locations/westeurope/serverAzureAsyncOperation/abc`, 'Microsoft.Sql/locations/serverAzureAsyncOperation/read'],
    ['GET', `${RG}/providers/Microsoft.DocumentDB/databaseAccounts/acct/operationResults/abc`, 'Microsoft.DocumentDB/databaseAccounts/operationResults/read'],
    ['POST', '/providers/Microsoft.ResourceGraph/resources', 'Microsoft.ResourceGraph/resources/read'],
    ['DELETE', `${RG}/providers/Microsoft.Storage/storageAccounts/st`, 'Microsoft.Storage/storageAccounts/delete'],
  ])('%s %s → %s', (method, path, action) => {
    expect(requiredAction(method, path)).toBe(action);
  });

  it.each([
    ['GET', '/'],
    ['GET', `${SUB}/resourceGroups/rg/somethingElse`],
    ['POST', `${RG}/providers/Microsoft.Web/sites/app`],
    ['GET', `${SUB}/providers`],
  ])('names no action for %s %s, which the emulator then refuses under a role', (method, path) => {
    expect(requiredAction(method, path)).toBeUndefined();
  });

  it('takes the segments the sandbox already decoded, with the same answer as the pathname', () => {
    const path = `${SUB}/providers/Microsoft.Cache/locations/West%20Europe/asyncOperations/abc`;
    const segments = ['subscriptions', '00000000-0000-0000-0000-0000000000aa', 'providers', 'Microsoft.Cache', 'locations', 'West Europe', 'asyncOperations', 'abc'];
    expect(requiredAction('GET', segments)).toBe(requiredAction('GET', path));
    expect(requiredAction('GET', segments)).toBe('Microsoft.Cache/locations/asyncOperations/read');
  });

  it('names no action when an encoded slash would make a namespace or type', () => {
    expect(requiredAction('GET', `${RG}/providers/Microsoft.Web%2Fsites/app`)).toBeUndefined();
    expect(requiredAction('GET', `${RG}/providers/Microsoft.Web/sites%2Fconfig/web`)).toBeUndefined();
    // In a name it is just a character of the name.
    expect(requiredAction('GET', `${RG}/providers/Microsoft.Web/sites/app%2Fconfig`)).toBe('Microsoft.Web/sites/read');
  });
});
