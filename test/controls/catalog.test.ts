import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, CONTROLS_BY_KIND, controlById, controlsForType } from '../../src/controls';
import { SELF } from '../../src/controls/types';

// Actions look like `Microsoft.Web/sites/slots/config/write` or `Microsoft.Web/sites/restart/action`.
const ACTION = /^[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)+(\/[A-Za-z][A-Za-z0-9]*)+\/(read|write|delete|action)$/;
const has = (permissions: readonly string[], action: string): boolean =>
  permissions.some((p) => p.toLowerCase() === action.toLowerCase());
/** `config/web` → `config`; `configurations/tls_version` → `configurations`: the type segments of a target path. */
const targetTypeSuffix = (target: string): string => target.split('/').filter((_, i) => i % 2 === 0).join('/');

type DesignRow = { id: string; defaultMode: string };

/**
 * The rows of one of DESIGN.md's control tables (the contract), read from the repository's copy of
 * those tables (test/fixtures/contract). The test reads nothing outside the repository; .ci/run
 * alone compares the copy with the design contract when the contract folder sits beside the clone.
 */
function designRows(heading: '## Controls' | '## Next controls'): DesignRow[] {
  const design = readFileSync(path.resolve(__dirname, '../fixtures/contract/design-controls.md'), 'utf8');
  const start = design.indexOf(`\n${heading}`);
  if (start < 0) throw new Error(`test/fixtures/contract/design-controls.md has no "${heading}" section`);
  const end = design.indexOf('\n## ', start + 1);
  const section = design.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^\| ([a-z0-9]+(?:-[a-z0-9]+)+) \|.*\| ([^|]+?) \|$/gm)].map((m) => ({ id: m[1], defaultMode: m[2] }));
}

/** Control ids in the order of DESIGN.md's control table. */
const designOrder = (): string[] => designRows('## Controls').map((row) => row.id);

describe('the control catalog', () => {
  const ids = catalog.map((c) => c.id);

  it('has unique, kebab-case ids', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  it('holds every control of DESIGN.md, in the order of its control table', () => {
    const order = designOrder();
    const designIds = ids.filter((id) => order.includes(id));
    expect(designIds).toEqual(order);
  });

  // The next controls' ids and defaults are fixed in the contract before each ships; a shipped one
  // keeps the default its row states ("decided by blast radius" leaves it to the control's doc).
  it('gives each shipped next control of DESIGN.md the default mode its row states', () => {
    const next = designRows('## Next controls');
    expect(next.length).toBeGreaterThan(0);
    for (const row of next) {
      const control = controlById(row.id);
      if (!control || !['enforce', 'report'].includes(row.defaultMode)) continue;
      expect(control.defaultMode, row.id).toBe(row.defaultMode);
    }
  });

  // Report-only controls for the retired single servers keep old estates visible;
  // anything in neither of DESIGN.md's tables may only ever report, never write.
  it('lets controls beyond DESIGN.md only report: no fix, report mode, read permissions only', () => {
    const contract = new Set([...designOrder(), ...designRows('## Next controls').map((row) => row.id)]);
    const extras = catalog.filter((c) => !contract.has(c.id));
    // The retired single servers' controls are among them (a new report-only kind may add more).
    expect(extras.map((c) => c.id)).toEqual(expect.arrayContaining(CONTROLS_BY_KIND['single-servers'].map((c) => c.id)));
    for (const control of extras) {
      expect(control.fix).toBeUndefined();
      expect(control.defaultMode).toBe('report');
      expect(control.permissions.every((p) => p.endsWith('/read'))).toBe(true);
    }
  });

  it.each(catalog.map((c) => [c.id, c] as const))('documents %s with why, fix, side effects and exemptions of at least 20 characters', (_, control) => {
    for (const field of ['why', 'fix', 'sideEffects', 'exemptWhen'] as const) {
      expect(control.doc[field].trim().length, `${control.id} doc.${field}`).toBeGreaterThanOrEqual(20);
    }
  });

  it('gives every enforce control a fix', () => {
    for (const control of catalog.filter((c) => c.defaultMode === 'enforce')) {
      expect(typeof control.fix, control.id).toBe('function');
    }
  });

  it('declares well-formed ARM actions without duplicates', () => {
    for (const control of catalog) {
      expect(control.permissions.length, control.id).toBeGreaterThan(0);
      for (const action of control.permissions) expect(action, control.id).toMatch(ACTION);
      expect(new Set(control.permissions.map((p) => p.toLowerCase())).size, control.id).toBe(control.permissions.length);
    }
  });

  it('lets every control read each of its resource types and its target document', () => {
    for (const control of catalog) {
      for (const type of control.resourceTypes) {
        expect(has(control.permissions, `${type}/read`), `${control.id} reads ${type}`).toBe(true);
        if (control.target !== SELF) {
          const read = `${type}/${targetTypeSuffix(control.target)}/read`;
          expect(has(control.permissions, read), `${control.id} needs ${read}`).toBe(true);
        }
      }
    }
  });

  it('lets every control that fixes write its target on each resource type, and report-only controls write nothing', () => {
    for (const control of catalog) {
      for (const type of control.resourceTypes) {
        const write = control.target === SELF ? `${type}/write` : `${type}/${targetTypeSuffix(control.target)}/write`;
        expect(has(control.permissions, write), `${control.id} and ${write}`).toBe(Boolean(control.fix));
      }
      if (!control.fix) expect(control.permissions.every((p) => p.endsWith('/read')), control.id).toBe(true);
    }
  });

  it('finds controls by id', () => {
    expect(controlById('storage-min-tls')?.id).toBe('storage-min-tls');
    expect(controlById('no-such-control')).toBeUndefined();
  });

  it('matches resource types case-insensitively', () => {
    const canonical = controlsForType('Microsoft.Storage/storageAccounts');
    expect(canonical.map((c) => c.id)).toEqual(['storage-https-only', 'storage-min-tls']);
    expect(controlsForType('MICROSOFT.STORAGE/STORAGEACCOUNTS')).toEqual(canonical);
    expect(controlsForType('Microsoft.Cache/Redis').map((c) => c.id)).toEqual(['redis-ssl-only', 'redis-min-tls']);
    expect(controlsForType('microsoft.cache/redis')).toEqual(controlsForType('Microsoft.Cache/Redis'));
    expect(controlsForType('Microsoft.Web/sites/slots')).toHaveLength(6);
  });

  it('hands each caller its own list: changing one answer does not change the next', () => {
    const first = controlsForType('Microsoft.Storage/storageAccounts');
    first.pop();
    expect(controlsForType('microsoft.storage/storageaccounts').map((c) => c.id)).toEqual(['storage-https-only', 'storage-min-tls']);
  });

  it('returns no controls for a type it does not cover, nor for a child config type', () => {
    expect(controlsForType('Microsoft.KeyVault/vaults')).toEqual([]);
    expect(controlsForType('Microsoft.Web/sites/config')).toEqual([]);
  });

  it('is frozen so no caller can reorder or extend it at run time', () => {
    expect(Object.isFrozen(catalog)).toBe(true);
    for (const control of catalog) expect(Object.isFrozen(control)).toBe(true);
  });
});
