import { describe, expect, it } from 'vitest';
import { catalog, controlById } from '../../src/controls';
import { LABEL_SCOPES, labelScopeOf, POLICY_DEFINITION_PREFIX, recommendationFor } from '../../src/controls/recommendation';
import { APP_SERVICE_TYPES } from '../../src/kinds/appservice/shared';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SITE_SCOPES = ['web app', 'function app', 'api app', 'web app slot', 'function app slot'];
const isSiteControl = (id: string): boolean => controlById(id)?.resourceTypes.some((t) => (APP_SERVICE_TYPES as readonly string[]).includes(t)) === true;

describe('labelScopeOf', () => {
  it.each([
    ['Microsoft.Web/sites', 'app', 'web app'],
    ['Microsoft.Web/sites', 'app,linux,container', 'web app'],
    ['Microsoft.Web/sites', 'functionapp,linux', 'function app'],
    ['Microsoft.Web/sites', 'FunctionApp', 'function app'],
    ['Microsoft.Web/sites', 'api', 'api app'],
    ['Microsoft.Web/sites/slots', 'api', 'web app slot'],
    ['microsoft.web/sites/slots', 'functionapp', 'function app slot'],
    ['Microsoft.Web/sites/slots', 'app', 'web app slot'],
    ['Microsoft.Storage/storageAccounts', undefined, 'any'],
  ])('%s of kind %s is labelled as a %s', (type, kind, scope) => {
    expect(labelScopeOf(type, kind)).toBe(scope);
  });

  it('gives Logic Apps Standard sites and sites of unknown kind no label (Azure Policy leaves them out; an unread site cannot be told apart)', () => {
    expect(labelScopeOf('Microsoft.Web/sites', 'functionapp,workflowapp')).toBeUndefined();
    expect(labelScopeOf('Microsoft.Web/sites', undefined)).toBeUndefined();
  });
});

describe('recommendationFor', () => {
  const https = controlById('appservice-https-only')!;

  it('chooses by the site kind: web app, function app and API app each get their own Defender assessment', () => {
    expect(recommendationFor(https.recommendations, 'Microsoft.Web/sites', 'app')).toEqual({
      assessmentKey: '1b351b29-41ca-6df5-946c-c190a56be5fe',
      name: 'Web Application should only be accessible over HTTPS',
      policyDefinitionIds: [`${POLICY_DEFINITION_PREFIX}a4af4a39-4135-47fb-b175-47fbdf85311d`],
    });
    expect(recommendationFor(https.recommendations, 'Microsoft.Web/sites', 'functionapp')?.assessmentKey).toBe('cb0acdc6-0846-fd48-debe-9905af151b6d');
    expect(recommendationFor(https.recommendations, 'Microsoft.Web/sites', 'api')?.assessmentKey).toBe('bf82a334-13b6-ca57-ea75-096fc2ffce50');
  });

  it('names the policy when Defender has no assessment (slots, storage minimum TLS)', () => {
    expect(recommendationFor(https.recommendations, 'Microsoft.Web/sites/slots', 'functionapp')).toEqual({
      assessmentKey: null,
      name: 'Function app slots should only be accessible over HTTPS',
      policyDefinitionIds: [`${POLICY_DEFINITION_PREFIX}5e5dbe3f-2702-4ffc-8b1e-0cae008a5c71`],
    });
    expect(recommendationFor(controlById('storage-min-tls')!.recommendations, 'Microsoft.Storage/storageAccounts', undefined)).toEqual({
      assessmentKey: null,
      name: 'Storage accounts should have the specified minimum TLS version',
      policyDefinitionIds: [`${POLICY_DEFINITION_PREFIX}fe83a0eb-a853-422d-aac2-1bffd182c5d0`],
    });
  });

  it('is null where neither has one, and for a Logic Apps Standard site', () => {
    expect(recommendationFor(controlById('appservice-scm-min-tls')!.recommendations, 'Microsoft.Web/sites', 'app')).toBeNull();
    expect(recommendationFor(controlById('cosmosdb-min-tls')!.recommendations, 'Microsoft.DocumentDB/databaseAccounts', 'GlobalDocumentDB')).toBeNull();
    expect(recommendationFor(https.recommendations, 'Microsoft.Web/sites', 'functionapp,workflowapp')).toBeNull();
  });
});

describe("the catalog's Secure Score labels", () => {
  it('are well formed: GUIDs in lower case, one label per scope, every label naming a policy or an assessment', () => {
    for (const control of catalog) {
      const scopes = control.recommendations.map((l) => l.appliesTo);
      expect(new Set(scopes).size, control.id).toBe(scopes.length);
      for (const label of control.recommendations) {
        expect(LABEL_SCOPES).toContain(label.appliesTo);
        expect(label.policies.length > 0 || label.assessment !== null, `${control.id} ${label.appliesTo}`).toBe(true);
        for (const policy of label.policies) expect(policy.id, control.id).toMatch(GUID);
        if (label.assessment) expect(label.assessment.key, control.id).toMatch(GUID);
        for (const name of [...label.policies.map((p) => p.displayName), label.assessment?.displayName ?? 'x']) expect(name.trim().length).toBeGreaterThan(0);
      }
    }
  });

  it('label App Service controls per site kind (all five, or none) and every other control for any resource', () => {
    for (const control of catalog) {
      const scopes = control.recommendations.map((l) => l.appliesTo);
      if (isSiteControl(control.id)) expect(scopes.length === 0 || [...scopes].sort().join() === [...SITE_SCOPES].sort().join(), control.id).toBe(true);
      else expect(scopes.every((s) => s === 'any'), control.id).toBe(true);
    }
  });

  // The ids the fidelity issue starts from, each verified against Azure/azure-policy's built-ins.
  it.each([
    ['appservice-https-only', 'web app', 'a4af4a39-4135-47fb-b175-47fbdf85311d'],
    ['appservice-https-only', 'function app', '6d555dd1-86f2-4f1c-8ed7-5abae7c6cbab'],
    ['appservice-https-only', 'web app slot', 'ae1b9a8c-dfce-4605-bd91-69213b4a26fc'],
    ['appservice-https-only', 'function app slot', '5e5dbe3f-2702-4ffc-8b1e-0cae008a5c71'],
    ['storage-https-only', 'any', '404c3081-a854-4457-ae30-26a93ef643f9'],
    ['redis-ssl-only', 'any', '22bee202-a82f-4305-9a2a-6d7f44d4dedb'],
    ['sql-min-tls', 'any', '32e6bbec-16b6-44c2-be37-c5b672d103cf'],
    ['storage-min-tls', 'any', 'fe83a0eb-a853-422d-aac2-1bffd182c5d0'],
    ['postgresql-flexible-require-ssl', 'any', 'c29c38cb-74a7-4505-9a06-e588ab86620a'],
    ['postgresql-flexible-min-tls', 'any', 'a43d5475-c569-45ce-a268-28fa79f4e87a'],
  ])('%s (%s) carries Azure Policy definition %s', (id, scope, policy) => {
    const label = controlById(id)?.recommendations.find((l) => l.appliesTo === scope);
    expect(label?.policies.map((p) => p.id)).toContain(policy);
  });

  it('say in the doc where the control judges differently from the policies (storage TLS 1.3, App Service TLS write, client certificate mode)', () => {
    expect(controlById('storage-min-tls')?.doc.differsFromPolicy).toMatch(/TLS1_3/);
    expect(controlById('appservice-min-tls')?.doc.differsFromPolicy).toMatch(/"1\.2"/);
    expect(controlById('appservice-client-cert')?.doc.differsFromPolicy).toMatch(/clientCertMode/);
  });
});
