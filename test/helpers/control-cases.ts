/**
 * The control tester (after ESLint's RuleTester): a control's test is a table of pass and fail cases,
 * and the tester checks the fix as well as the verdict. A table without both kinds is refused, so a
 * control cannot be "tested" by cases that only ever pass.
 *
 * For each fail case it checks that the verdict is `fail` with a path, that `fix` returns exactly
 * the expected minimal patch and writes the expected value at that path, that the patch merged into
 * the document (ARM PATCH semantics) makes it pass, that merging it again changes nothing, and that
 * every property the patch does not name survives. Report-only controls must have no fix.
 */
import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../src/core/merge-patch';
import { leafPaths } from '../../src/engine/patches';
import { readPath, SELF, type ArmObject, type ControlDefinition, type Json, type JsonObject } from '../../src/controls/types';

export interface Case {
  name: string;
  /** The target document: the resource itself for `self` controls, else e.g. its config/web. */
  document: ArmObject;
  /** The owning resource; defaults to `document` for `self` controls, required otherwise. */
  resource?: ArmObject;
}

export interface FailCase extends Case {
  /** The exact minimal patch `fix` must return; must be absent for report-only controls. */
  patch?: JsonObject;
  /** The failing path, when the case wants to pin it (the tester always requires one). */
  path?: string;
}

export interface CaseTable {
  pass: Case[];
  fail: FailCase[];
  notApplicable?: Case[];
}

function resourceOf(control: ControlDefinition, c: Case): ArmObject {
  if (c.resource) return c.resource;
  if (control.target === SELF) return c.document;
  throw new Error(`case "${c.name}": control ${control.id} targets ${control.target}, so the case must name its resource`);
}

/** Throws unless the table can prove something: both pass and fail cases, named uniquely, fixes declared consistently. */
export function validateTable(control: ControlDefinition, table: CaseTable): void {
  if (!table.pass || table.pass.length === 0) throw new Error(`controlCases(${control.id}): at least one pass case is required`);
  if (!table.fail || table.fail.length === 0) throw new Error(`controlCases(${control.id}): at least one fail case is required`);
  const all = [...table.pass, ...table.fail, ...(table.notApplicable ?? [])];
  const names = new Set<string>();
  for (const c of all) {
    if (names.has(c.name)) throw new Error(`controlCases(${control.id}): duplicate case name "${c.name}"`);
    names.add(c.name);
    resourceOf(control, c);
  }
  for (const c of table.fail) {
    if (control.fix && !c.patch) throw new Error(`controlCases(${control.id}): fail case "${c.name}" must give the expected patch`);
    if (!control.fix && c.patch) throw new Error(`controlCases(${control.id}): fail case "${c.name}" gives a patch, but the control has no fix`);
  }
}

export function assertPassCase(control: ControlDefinition, c: Case): void {
  expect(control.evaluate(c.document, resourceOf(control, c))).toEqual({ status: 'pass' });
}

export function assertNotApplicableCase(control: ControlDefinition, c: Case): void {
  const verdict = control.evaluate(c.document, resourceOf(control, c));
  expect(verdict.status).toBe('not-applicable');
}

/** Every object path in `object` with the keys the patch sets removed: what must survive the merge. */
function withoutPatchedKeys(object: Json | undefined, patch: JsonObject): Json | undefined {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return object;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    const patched = patch[key];
    if (patched === undefined) result[key] = value;
    else if (patched !== null && typeof patched === 'object' && !Array.isArray(patched)) {
      const rest = withoutPatchedKeys(value, patched);
      if (rest !== undefined) result[key] = rest;
    }
  }
  return result;
}

export function assertFailCase(control: ControlDefinition, c: FailCase): void {
  const original = structuredClone(c.document);
  const resource = resourceOf(control, c);
  const verdict = control.evaluate(c.document, resource);
  if (verdict.status !== 'fail') throw new Error(`case "${c.name}": expected a fail verdict, got ${JSON.stringify(verdict)}`);
  expect(verdict.path, 'a fail verdict names the failing path').toMatch(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/);
  if (c.path !== undefined) expect(verdict.path).toBe(c.path);
  expect(verdict.actual, 'actual is the value found at the path').toEqual(readPath(c.document, verdict.path));
  expect(verdict.reason.length).toBeGreaterThan(0);

  if (!control.fix) {
    expect(control.fix, 'a report-only control offers no fix').toBeUndefined();
    expect(c.document, 'evaluate leaves the document unmodified').toEqual(original);
    return;
  }
  const patch = control.fix(c.document, resource);
  expect(patch, 'fix returns exactly the minimal patch').toEqual(c.patch);
  // Undo restores only the declared paths: a fix writing any other would leave it unrestorable.
  expect(control.fixPaths ?? [], 'the patch stays within the paths the control declares (fixPaths)').toEqual(expect.arrayContaining(leafPaths(patch)));
  expect(readPath(patch, verdict.path), 'the patch writes the expected value at the failing path').toEqual(verdict.expected);
  expect(c.document, 'evaluate and fix leave the document unmodified').toEqual(original);

  const patched = applyMergePatch(c.document, patch);
  const patchedResource = control.target === SELF ? patched : resource;
  expect(control.evaluate(patched, patchedResource), 'the patched document passes').toEqual({ status: 'pass' });
  expect(applyMergePatch(patched, patch), 'patching twice changes nothing').toEqual(patched);
  expect(withoutPatchedKeys(patched, patch), 'properties the patch does not name survive').toEqual(withoutPatchedKeys(c.document, patch));
}

/** Generates one vitest block per control: a test per case, named after it. */
export function controlCases(control: ControlDefinition, table: CaseTable): void {
  validateTable(control, table);
  describe(`control ${control.id}`, () => {
    for (const c of table.pass) {
      it(`passes when ${c.name}`, () => assertPassCase(control, c));
    }
    for (const c of table.fail) {
      it(
        control.fix ? `fails and is fixed by a minimal, idempotent patch when ${c.name}` : `fails and offers no fix when ${c.name}`,
        () => assertFailCase(control, c),
      );
    }
    for (const c of table.notApplicable ?? []) {
      it(`does not apply when ${c.name}`, () => assertNotApplicableCase(control, c));
    }
  });
}
