/** The deployed role is the blast radius: every action must be named, never matched by a wildcard. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const actions: unknown = JSON.parse(readFileSync(path.join(ROOT, 'infra/generated/role-actions.json'), 'utf8'));

describe('generated role', () => {
  it('is a non-empty list of action strings', () => {
    expect(Array.isArray(actions)).toBe(true);
    expect((actions as unknown[]).length).toBeGreaterThan(0);
    for (const action of actions as unknown[]) expect(typeof action).toBe('string');
  });

  it('holds no wildcard action', () => {
    for (const action of actions as string[]) expect(action, action).not.toContain('*');
  });

  it('grants no write, delete or action over a whole provider', () => {
    for (const action of actions as string[]) {
      // Provider/type[/subtype...]/operation: at least one type between provider and operation.
      const segments = action.split('/');
      expect(segments.length, action).toBeGreaterThanOrEqual(3);
      expect(segments.every((s) => s.length > 0), action).toBe(true);
      expect(['read', 'write', 'delete', 'action']).toContain(segments[segments.length - 1]);
    }
  });

  it('grants no delete at all and writes only on types the controls fix', () => {
    const list = actions as string[];
    expect(list.filter((a) => a.endsWith('/delete'))).toEqual([]);
    expect(list.filter((a) => /^Microsoft\.Authorization\//i.test(a))).toEqual([]);
  });

  it('is what the Bicep role deploys, with no extra actions written by hand', () => {
    const bicep = readFileSync(path.join(ROOT, 'infra/role.bicep'), 'utf8');
    expect(bicep).toContain("loadJsonContent('generated/role-actions.json')");
    expect(bicep).not.toMatch(/'[^']*\*[^']*'/);
  });
});
