import { describe, expect, it } from 'vitest';
import { runControl } from '../../src/controls/run';
import { defineControl, fail, pass, SELF, type ArmObject, type ControlDefinition, type Verdict } from '../../src/controls/types';
import storageHttpsOnly from '../../src/kinds/storage/storage-https-only';
import { sampleStorageAccount, withProperties } from '../fixtures/samples';

function controlThat(evaluate: (document: ArmObject) => Verdict): ControlDefinition {
  return defineControl({
    id: 'test-control',
    title: 'test', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [],
    resourceTypes: ['Microsoft.Storage/storageAccounts'],
    target: SELF,
    permissions: ['Microsoft.Storage/storageAccounts/read'],
    defaultMode: 'report',
    doc: { why: 'test', fix: 'test', sideEffects: 'test', exemptWhen: 'test' },
    evaluate,
  });
}

describe('runControl', () => {
  it('returns the verdict of a control that evaluates normally', () => {
    const account = sampleStorageAccount();
    expect(runControl(storageHttpsOnly, account, account)).toMatchObject({ status: 'fail', path: 'properties.supportsHttpsTrafficOnly' });
    const secure = withProperties(account, { supportsHttpsTrafficOnly: true });
    expect(runControl(storageHttpsOnly, secure, secure)).toEqual(pass());
  });

  it('turns a control that throws into an error verdict naming the control and the cause, never a pass', () => {
    const throwing = controlThat(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'minimumTlsVersion')");
    });
    const verdict = runControl(throwing, {}, {});
    expect(verdict.status).toBe('error');
    expect(verdict.status === 'error' && verdict.reason).toMatch(/test-control threw: Cannot read properties of undefined/);
  });

  it('describes a thrown non-Error value instead of printing [object Object]', () => {
    const throwing = controlThat(() => {
      throw { code: 'weird' };
    });
    expect(runControl(throwing, {}, {})).toEqual({ status: 'error', reason: 'control test-control threw: {"code":"weird"}' });
  });

  it('treats a control that returns no verdict as an error', () => {
    const broken = controlThat(() => undefined as unknown as Verdict);
    const wrongShape = controlThat(() => ({ status: 'ok' }) as unknown as Verdict);
    expect(runControl(broken, {}, {}).status).toBe('error');
    expect(runControl(wrongShape, {}, {}).status).toBe('error');
  });

  it('passes fail and not-applicable verdicts through unchanged', () => {
    const failing = controlThat(() => fail('properties.x', 1, 2));
    expect(runControl(failing, {}, {})).toEqual(fail('properties.x', 1, 2));
    const notApplicable = controlThat(() => ({ status: 'not-applicable', reason: 'premium only' }));
    expect(runControl(notApplicable, {}, {})).toEqual({ status: 'not-applicable', reason: 'premium only' });
  });
});
