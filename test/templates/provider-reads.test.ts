import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import type { JsonObject } from '../../src/controls/types';
import { checkTemplate } from '../../src/templates/check-template';

const NOW = new Date('2026-12-04T12:00:00Z');
const template = (resources: JsonObject[]): JsonObject => ({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources,
});
const verdict = (resources: JsonObject[], control: string): string[] =>
  checkTemplate(template(resources), new Map(), catalog, NOW).results.filter((r) => r.control === control).map((r) => r.status);

describe('template values as the resource provider reads them (docs/parity.md, defects 1–3)', () => {
  it('reads a boolean written as the string "true" or "false" as that boolean', () => {
    const account = (value: string) => ({
      type: 'Microsoft.Storage/storageAccounts', apiVersion: '2025-08-01', name: 'stparity', location: 'westeurope', kind: 'StorageV2', sku: { name: 'Standard_LRS' },
      properties: { supportsHttpsTrafficOnly: value, minimumTlsVersion: 'TLS1_2' },
    });
    expect(verdict([account('true')], 'storage-https-only')).toEqual(['pass']);
    expect(verdict([account('True')], 'storage-https-only')).toEqual(['pass']);
    expect(verdict([account('false')], 'storage-https-only')).toEqual(['fail']);
    // Not a boolean the provider would read: judged as written.
    expect(verdict([account('yes')], 'storage-https-only')).toEqual(['fail']);
    const site = { type: 'Microsoft.Web/sites', apiVersion: '2024-11-01', name: 'app-parity', location: 'westeurope', properties: { httpsOnly: 'true' } };
    expect(verdict([site], 'appservice-https-only')).toEqual(['pass']);
  });

  it('reads a TLS version written as a JSON number, in siteConfig or a config/web child, as its string', () => {
    const site = (siteConfig: JsonObject) => ({ type: 'Microsoft.Web/sites', apiVersion: '2024-11-01', name: 'app-parity', location: 'westeurope', kind: 'functionapp', properties: { httpsOnly: true, siteConfig } });
    expect(verdict([site({ minTlsVersion: 1.2 })], 'appservice-min-tls')).toEqual(['pass']);
    expect(verdict([site({ minTlsVersion: 1.0 })], 'appservice-min-tls')).toEqual(['fail']);
    const child = { type: 'Microsoft.Web/sites/config', apiVersion: '2024-11-01', name: 'app-parity/web', dependsOn: [], properties: { minTlsVersion: 1.2 } };
    expect(verdict([site({}), child], 'appservice-min-tls')).toEqual(['pass']);
  });

  it('judges a resource written without properties as one with none set, not as GET output missing them', () => {
    const namespace = { type: 'Microsoft.EventHub/namespaces', apiVersion: '2024-01-01', name: 'evhns-parity', location: 'westeurope', sku: { name: 'Standard' } };
    const results = checkTemplate(template([namespace]), new Map(), catalog, NOW).results.filter((r) => r.control.startsWith('eventhub'));
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.status !== 'error')).toBe(true);
    expect(results.every((r) => !/as an ARM GET returns it/.test(r.reason))).toBe(true);
  });
});
