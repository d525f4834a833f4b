import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type WardenConfig } from '../../src/config';
import { defineControl, pass, type ControlDefinition } from '../../src/controls/types';
import { decideMode } from '../../src/engine/modes';
import { normalizeTags } from '../../src/engine/tags';

const doc = { why: 'x'.repeat(20), fix: 'x'.repeat(20), sideEffects: 'x'.repeat(20), exemptWhen: 'x'.repeat(20) };
const enforceControl: ControlDefinition = defineControl({
  id: 'storage-min-tls', title: 't', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [], resourceTypes: ['Microsoft.Storage/storageAccounts'], target: 'self', permissions: [],
  defaultMode: 'enforce', doc, evaluate: () => pass(), fix: () => ({ properties: { minimumTlsVersion: 'TLS1_2' } }),
  fixPaths: ['properties.minimumTlsVersion'],
});
const reportControl: ControlDefinition = defineControl({
  id: 'appservice-client-cert', title: 't', summary: { resource: 't', compliantWhen: 't', fix: 't' }, recommendations: [], resourceTypes: ['Microsoft.Web/sites'], target: 'self', permissions: [],
  defaultMode: 'report', doc, evaluate: () => pass(),
});
const config = (overrides: Partial<WardenConfig>): WardenConfig => ({ ...DEFAULT_CONFIG, ...overrides });

describe('decideMode', () => {
  it('enforces only when global, control and tags all allow it', () => {
    expect(decideMode(enforceControl, config({ mode: 'enforce' }), {}, {}).mode).toBe('enforce');
  });

  it('starts a default deployment in dry-run', () => {
    expect(decideMode(enforceControl, DEFAULT_CONFIG, {}, {}).mode).toBe('dry-run');
  });

  it('keeps a report-only control in report even when everything else enforces', () => {
    expect(decideMode(reportControl, config({ mode: 'enforce', controlModes: { 'appservice-client-cert': 'enforce' } }), {}, {}).mode).toBe('report');
  });

  it('lets a per-control setting make a control more cautious but never less', () => {
    expect(decideMode(enforceControl, config({ mode: 'enforce', controlModes: { 'storage-min-tls': 'report' } }), {}, {}).mode).toBe('report');
    expect(decideMode(enforceControl, config({ mode: 'dry-run', controlModes: { 'storage-min-tls': 'enforce' } }), {}, {}).mode).toBe('dry-run');
  });

  it('honours a dry-run mode tag on the resource or its group', () => {
    const tag = normalizeTags({ 'Transit-Warden-Mode': 'dry-run' });
    expect(decideMode(enforceControl, config({ mode: 'enforce' }), tag, {})).toMatchObject({ mode: 'dry-run', decidedBy: expect.stringMatching(/resource$/) });
    expect(decideMode(enforceControl, config({ mode: 'enforce' }), {}, tag)).toMatchObject({ mode: 'dry-run', decidedBy: expect.stringMatching(/resource group/) });
  });

  it('treats an unrecognised mode tag value as dry-run so a typo fails safe', () => {
    const decision = decideMode(enforceControl, config({ mode: 'enforce' }), normalizeTags({ 'transit-warden-mode': 'dryrun' }), {});
    expect(decision).toMatchObject({ mode: 'dry-run', decidedBy: expect.stringMatching(/unrecognised/) });
  });

  it('does not let an enforce mode tag loosen a dry-run deployment', () => {
    expect(decideMode(enforceControl, DEFAULT_CONFIG, normalizeTags({ 'transit-warden-mode': 'enforce' }), {}).mode).toBe('dry-run');
  });

  it('reads two mode tags differing only in case as the more cautious one, in either order', () => {
    for (const tags of [
      { 'transit-warden-mode': 'dry-run', 'Transit-Warden-Mode': 'enforce' },
      { 'TRANSIT-WARDEN-MODE': 'enforce', 'transit-warden-mode': 'dry-run' },
    ]) {
      expect(decideMode(enforceControl, config({ mode: 'enforce' }), normalizeTags(tags), {}).mode).toBe('dry-run');
    }
  });

  it("does not let a resource's enforce tag escape its resource group's dry-run tag", () => {
    const decision = decideMode(enforceControl, config({ mode: 'enforce' }), normalizeTags({ 'transit-warden-mode': 'enforce' }), normalizeTags({ 'transit-warden-mode': 'dry-run' }));
    expect(decision).toMatchObject({ mode: 'dry-run', decidedBy: expect.stringMatching(/resource group/) });
  });
});
