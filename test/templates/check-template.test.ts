import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import type { JsonObject } from '../../src/core/json';
import { expandTemplate, isDeploymentTemplate, parameterValuesFrom } from '../../src/templates/arm-template';
import { checkTemplate, type TemplateCheckResult } from '../../src/templates/check-template';

const NOW = new Date('2026-12-03T00:00:00Z');
const read = (name: string): JsonObject => JSON.parse(readFileSync(path.resolve(__dirname, '../fixtures/templates', name), 'utf8')) as JsonObject;
const byControl = (results: TemplateCheckResult[]): Record<string, TemplateCheckResult> => Object.fromEntries(results.map((r) => [r.control, r]));

describe('deployment templates as ARM objects', () => {
  it('recognises a template by its $schema, or by contentVersion and resources, and nothing else', () => {
    expect(isDeploymentTemplate(read('web-app.json'))).toBe(true);
    expect(isDeploymentTemplate({ contentVersion: '1.0.0.0', resources: [] })).toBe(true);
    expect(isDeploymentTemplate({ id: '/subscriptions/x', type: 'Microsoft.Storage/storageAccounts' })).toBe(false);
    expect(isDeploymentTemplate([read('web-app.json')])).toBe(false);
  });

  it('places a nested child under its parent and a stand-in name under the same parent', () => {
    const { resources } = expandTemplate(read('web-app.json'));
    const ids = resources.map((r) => r.object.id);
    const site = ids.find((id) => String(id).endsWith('sites/webapp-{uniqueString(resourceGroup().id)}'));
    expect(site).toBeDefined();
    expect(ids).toContain(`${String(site)}/config/web`);
    expect(resources.find((r) => r.object.type === 'Microsoft.Web/sites/config')?.path).toEqual(['resources', 1, 'resources', 0]);
  });

  it('expands copy loops with a known count, skips resources whose condition is false, and notes a count it cannot know', () => {
    const { resources, notes } = expandTemplate(read('bicep-build.json'));
    const names = resources.map((r) => r.object.name);
    expect(names).toEqual(expect.arrayContaining(['stcontosoold1', 'stcontosoold2']));
    expect(names).not.toContain('cache-never');
    expect(notes).toEqual([expect.stringMatching(/^resources\.accounts: its copy count is not known offline/)]);
  });

  it('reads nested deployments: inner scope with its own parameters, outer scope with the parent\'s; a linked template is noted', () => {
    const { resources, notes } = expandTemplate(read('nested.json'));
    expect(resources.map((r) => r.object.name)).toEqual(['cache-outer-inner', 'cache-outer']);
    expect(notes).toEqual([expect.stringMatching(/linked template \(templateLink\) is not read/)]);
  });

  it('refuses a malformed template with INVALID_INPUT naming where', () => {
    expect(() => expandTemplate({ resources: [{ type: 'Microsoft.Storage/storageAccounts' }] })).toThrow(/resources\[0\] needs string "type" and "name"/);
    expect(() => expandTemplate({ resources: [{ type: 'Microsoft.Web/sites/config', name: 'onlyone' }] })).toThrow(/do not pair up/);
    expect(() => parameterValuesFrom({ values: {} }, 'p.json')).toThrow(/needs a "parameters" object/);
    expect(() => parameterValuesFrom({ parameters: { a: 1 } }, 'p.json')).toThrow(/parameter a is not an object/);
  });
});

describe('check on a deployment template', () => {
  it('reports a value that stays an expression as unknown, never as a pass, naming the expression', () => {
    const results = byControl(checkTemplate(read('web-app.json'), new Map(), catalog, NOW).results);
    expect(results['appservice-https-only']).toMatchObject({ status: 'unknown', reason: expect.stringContaining("[parameters('httpsOnly')] (no value given and no default (pass --parameters FILE))") });
    // siteConfig and the config/web child are one document: the child's scmMinTlsVersion, siteConfig's others.
    expect(results['appservice-min-tls']).toMatchObject({ status: 'pass' });
    expect(results['appservice-scm-min-tls']).toMatchObject({ status: 'pass' });
    expect(results['appservice-ftps-only']).toMatchObject({ status: 'fail', actual: 'AllAllowed', template: { path: 'resources[1].resources[0]', apiVersion: '2022-09-01' } });
  });

  it('takes parameter values from a parameters file over the defaults', () => {
    const given = parameterValuesFrom(read('web-app.parameters.json'), 'web-app.parameters.json');
    const results = byControl(checkTemplate(read('web-app.json'), given, catalog, NOW).results);
    expect(results['appservice-https-only']).toMatchObject({ status: 'fail', resourceId: expect.stringMatching(/sites\/contoso-web$/), actual: false });
    expect(results['appservice-min-tls']).toMatchObject({ status: 'fail', actual: '1.0' });
  });

  it('judges a property the template leaves out by the default the spec states at its api-version, and says so', () => {
    const results = checkTemplate(read('bicep-build.json'), new Map(), catalog, NOW).results.filter((r) => r.control === 'storage-https-only');
    const legacy = results.filter((r) => r.template.apiVersion === '2018-07-01');
    const current = results.filter((r) => r.template.apiVersion === '2023-05-01');
    expect(legacy.map((r) => r.status)).toEqual(['fail', 'fail']);
    expect(legacy[0].reason).toMatch(/Azure's default at api-version 2018-07-01 is false \(storage\.json/);
    expect(current).toEqual([expect.objectContaining({ status: 'pass', reason: expect.stringMatching(/default at api-version 2023-05-01 is true/) })]);
  });

  it('says unknown where a left-out property has no recorded default', () => {
    const template = { contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'bare', kind: 'app', properties: {} }] };
    const results = byControl(checkTemplate(template, new Map(), catalog, NOW).results);
    expect(results['appservice-https-only']).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/does not set properties\.httpsOnly: Azure applies its default at api-version 2022-09-01/) });
    expect(results['appservice-min-tls']).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/writes no config\/web child/) });
  });

  it('reads nested deployments\' resources with their own values', () => {
    const results = checkTemplate(read('nested.json'), new Map(), catalog, NOW).results;
    const outer = results.filter((r) => r.resourceId.endsWith('/cache-outer'));
    expect(byControl(outer)['redis-min-tls']).toMatchObject({ status: 'fail', actual: '1.0' });
    expect(byControl(outer)['redis-ssl-only']).toMatchObject({ status: 'pass' });
    const inner = results.filter((r) => r.resourceId.endsWith('/cache-outer-inner'));
    expect(inner.map((r) => r.status)).toEqual(['pass', 'pass']);
  });

  it('honours an exemption tag written in the template', () => {
    const template = {
      contentVersion: '1.0.0.0',
      resources: [{
        type: 'Microsoft.Cache/redis', apiVersion: '2024-11-01', name: 'legacy-cache',
        tags: { 'transit-warden-exempt': 'redis-ssl-only', 'transit-warden-exempt-reason': 'old client library until the migration' },
        properties: { enableNonSslPort: true, minimumTlsVersion: '1.2' },
      }],
    };
    const results = byControl(checkTemplate(template, new Map(), catalog, NOW).results);
    expect(results['redis-ssl-only']).toMatchObject({ status: 'exempt', reason: expect.stringContaining('old client library') });
  });
});
