import { describe, expect, it } from 'vitest';
import control from './synapse-min-tls';
import { controlCases } from '../../../test/helpers/control-cases';
import { synapseExample, synapseTlsSettings, synapseWorkspace } from './fixtures';
import type { ArmObject } from '../../controls/types';

const fix = { properties: { minimalTlsVersion: '1.2' } };
const workspace = synapseWorkspace();
const settings = (minimalTlsVersion: string | number | null | undefined): ArmObject => synapseTlsSettings({ minimalTlsVersion });

controlCases(control, {
  pass: [
    { name: 'minimalTlsVersion is "1.2"', document: settings('1.2'), resource: workspace },
  ],
  fail: [
    {
      name: 'minimalTlsVersion is "1.1" as in the Update example',
      document: synapseExample('UpdateWorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings.json'),
      resource: workspace,
      path: 'properties.minimalTlsVersion',
      patch: fix,
    },
    { name: 'minimalTlsVersion is "" as in the Get example', document: synapseExample('GetWorkspaceManagedSqlServerDedicatedSQLminimalTlsSettings.json'), resource: workspace, patch: fix },
    { name: 'minimalTlsVersion is "1.0"', document: settings('1.0'), resource: workspace, patch: fix },
    { name: 'minimalTlsVersion is absent', document: settings(undefined), resource: workspace, patch: fix },
    { name: 'minimalTlsVersion is the number 1.2', document: settings(1.2), resource: workspace, patch: fix },
  ],
});

describe('synapse-min-tls', () => {
  it('targets the workspace child the spec names, and reads and writes only it', () => {
    expect(control.resourceTypes).toEqual(['Microsoft.Synapse/workspaces']);
    expect(control.target).toBe('dedicatedSQLminimalTlsSettings/default');
    expect([...control.permissions].sort()).toEqual([
      'Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings/read',
      'Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings/write',
      'Microsoft.Synapse/workspaces/read',
    ]);
  });

  it('says in its doc which body it sends and why, as the spec contradicts itself', () => {
    expect(control.doc.fix).toMatch(/\{"properties":\{"minimalTlsVersion":"1\.2"\}\}/);
    expect(control.doc.fix).toMatch(/2021-06-01/);
    expect(control.doc.fix).toMatch(/sendRequest/);
  });
});
