import { defineControl, pass, type ControlDefinition } from '../../src/controls/types';

const doc = (id: string): ControlDefinition['doc'] => ({
  why: `Why ${id} matters for data in transit.`,
  fix: `What the ${id} fix changes.`,
  sideEffects: `Clients that ${id} breaks.`,
  exemptWhen: `When ${id} may be exempted.`,
});

/** A control with only the fields the deploy code reads; evaluate is never called here. */
export function fakeControl(overrides: Partial<ControlDefinition> & Pick<ControlDefinition, 'id'>): ControlDefinition {
  return defineControl({
    title: `Title of ${overrides.id}`,
    summary: { resource: 'test resources', compliantWhen: 'test', fix: 'test' }, recommendations: [],
    resourceTypes: ['Microsoft.Storage/storageAccounts'],
    target: 'self',
    permissions: ['Microsoft.Storage/storageAccounts/read', 'Microsoft.Storage/storageAccounts/write'],
    defaultMode: 'report',
    doc: doc(overrides.id),
    evaluate: () => pass(),
    ...overrides,
  });
}

/** Three target shapes: the resource itself, App Service config/web, a flexible-server parameter. */
export const fakeCatalog: readonly ControlDefinition[] = [
  fakeControl({ id: 'fake-storage-https' }),
  fakeControl({
    id: 'fake-site-tls',
    resourceTypes: ['Microsoft.Web/sites', 'Microsoft.Web/sites/slots'],
    target: 'config/web',
    permissions: ['Microsoft.Web/sites/config/read', 'Microsoft.Web/sites/config/write', 'Microsoft.Web/sites/slots/config/write'],
  }),
  fakeControl({
    id: 'fake-mysql-ssl',
    resourceTypes: ['Microsoft.DBforMySQL/flexibleServers'],
    target: 'configurations/require_secure_transport',
    permissions: ['Microsoft.DBforMySQL/flexibleServers/configurations/read', 'Microsoft.DBforMySQL/flexibleServers/configurations/write'],
  }),
];
