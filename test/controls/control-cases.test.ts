import { describe, expect, it } from 'vitest';
import { assertFailCase, assertPassCase, validateTable } from '../helpers/control-cases';
import { defineControl, fail, SELF, type ArmObject, type ControlDefinition, type JsonObject, type Verdict } from '../../src/controls/types';
import { requireValue } from '../../src/controls/expect';
import appServiceMinTls from '../../src/kinds/appservice/appservice-min-tls';
import clientCert from '../../src/kinds/appservice/appservice-client-cert';
import { sampleSite, sampleSiteConfig, sampleStorageAccount } from '../fixtures/samples';

const PATH = 'properties.supportsHttpsTrafficOnly';
const MINIMAL = { properties: { supportsHttpsTrafficOnly: true } };

/** A storage control whose evaluate and fix the tests can break one way at a time. */
function storageControl(overrides: {
  evaluate?: (document: ArmObject) => Verdict;
  fix?: (document: ArmObject) => JsonObject;
}): ControlDefinition {
  return defineControl({
    id: 'test-https-only',
    title: 'test', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [],
    resourceTypes: ['Microsoft.Storage/storageAccounts'],
    target: SELF,
    permissions: ['Microsoft.Storage/storageAccounts/read', 'Microsoft.Storage/storageAccounts/write'],
    defaultMode: 'enforce',
    doc: { why: 'test', fix: 'test', sideEffects: 'test', exemptWhen: 'test' },
    evaluate: overrides.evaluate ?? ((document) => requireValue(document, PATH, true)),
    fix: overrides.fix ?? (() => structuredClone(MINIMAL)),
    fixPaths: [PATH],
  });
}

const failing = { name: 'flag false', document: sampleStorageAccount(), patch: MINIMAL };

describe('controlCases table validation', () => {
  it('refuses a table without pass cases', () => {
    expect(() => validateTable(storageControl({}), { pass: [], fail: [failing] })).toThrow(/pass case/);
  });

  it('refuses a table without fail cases', () => {
    expect(() => validateTable(storageControl({}), { pass: [{ name: 'x', document: sampleStorageAccount() }], fail: [] })).toThrow(/fail case/);
  });

  it('refuses two cases with the same name', () => {
    const table = { pass: [{ name: 'flag false', document: sampleStorageAccount() }], fail: [failing] };
    expect(() => validateTable(storageControl({}), table)).toThrow(/duplicate case name/);
  });

  it('refuses a fail case without the expected patch for a control that fixes', () => {
    const table = { pass: [{ name: 'ok', document: sampleStorageAccount() }], fail: [{ name: 'no patch', document: sampleStorageAccount() }] };
    expect(() => validateTable(storageControl({}), table)).toThrow(/must give the expected patch/);
  });

  it('refuses a patch for a report-only control', () => {
    const table = { pass: [{ name: 'ok', document: sampleSite() }], fail: [{ name: 'with patch', document: sampleSite(), patch: {} }] };
    expect(() => validateTable(clientCert, table)).toThrow(/no fix/);
  });

  it('refuses a config/web case that does not name its site', () => {
    const table = { pass: [{ name: 'ok', document: sampleSiteConfig() }], fail: [{ name: 'f', document: sampleSiteConfig(), patch: {} }] };
    expect(() => validateTable(appServiceMinTls, table)).toThrow(/must name its resource/);
  });
});

describe('controlCases fail-case checks', () => {
  it('accept a correct control', () => {
    expect(() => assertFailCase(storageControl({}), failing)).not.toThrow();
  });

  it('catch a control that passes a noncompliant document', () => {
    expect(() => assertFailCase(storageControl({ evaluate: () => ({ status: 'pass' }) }), failing)).toThrow(/expected a fail verdict/);
  });

  it('catch a fix that writes more than the minimal patch', () => {
    const greedy = storageControl({ fix: () => ({ properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2' } }) });
    expect(() => assertFailCase(greedy, failing)).toThrow(/minimal patch/);
  });

  it('catch a fix that writes a path the control does not declare in fixPaths (undo would not restore it)', () => {
    const wider = { properties: { supportsHttpsTrafficOnly: true, allowBlobPublicAccess: false } };
    const undeclared = storageControl({ fix: () => structuredClone(wider) });
    expect(() => assertFailCase(undeclared, { ...failing, patch: wider })).toThrow(/fixPaths/);
  });

  it('refuse a control whose fix and fixPaths do not come together', () => {
    const base = { id: 'test-paths', title: 't', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [], resourceTypes: ['Microsoft.Storage/storageAccounts'], target: SELF, permissions: [], defaultMode: 'report' as const, doc: { why: 't', fix: 't', sideEffects: 't', exemptWhen: 't' }, evaluate: () => fail(PATH, false, true) };
    expect(() => defineControl({ ...base, fix: () => structuredClone(MINIMAL) })).toThrow(/fixPaths exactly when it has a fix/);
    expect(() => defineControl({ ...base, fixPaths: [PATH] })).toThrow(/fixPaths exactly when it has a fix/);
  });

  it('catch a fix that does not make the document pass', () => {
    const wrongPlace = { properties: { enableHttpsTrafficOnly: true } };
    const sdkName = storageControl({ fix: () => structuredClone(wrongPlace) });
    expect(() => assertFailCase(sdkName, { ...failing, patch: wrongPlace })).toThrow();
  });

  it('catch a fail verdict whose path is not what the patch writes', () => {
    // A self-consistent verdict about another property (the sample has allowSharedKeyAccess true).
    const elsewhere = storageControl({ evaluate: () => fail('properties.allowSharedKeyAccess', true, false) });
    expect(() => assertFailCase(elsewhere, failing)).toThrow(/failing path/);
  });

  it('catch a control that modifies the document it evaluates', () => {
    const mutating = storageControl({
      evaluate: (document) => {
        const verdict = requireValue(document, PATH, true);
        document.tags = { touched: 'yes' };
        return verdict;
      },
    });
    expect(() => assertFailCase(mutating, { ...failing, document: sampleStorageAccount() })).toThrow(/unmodified/);
  });

  it('catch a pass case that fails', () => {
    expect(() => assertPassCase(storageControl({}), { name: 'flag false', document: sampleStorageAccount() })).toThrow();
  });
});
