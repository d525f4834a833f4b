import { describe, expect, it } from 'vitest';
import { isQuarantine, skipCodeOf } from '../../src/audit/record';
import { readRecord } from '../../src/audit/well-formed';
import { auditRecord } from '../fixtures/audit';

describe('skipCodeOf', () => {
  it('reads the code of a record that carries one, whatever its reason says', () => {
    expect(skipCodeOf(auditRecord({ outcome: 'skipped', skipCode: 'flapping', reason: 'budget: reworded' }))).toBe('flapping');
    expect(isQuarantine(auditRecord({ outcome: 'skipped', skipCode: 'flapping', reason: 'reworded' }))).toBe(true);
    expect(isQuarantine(auditRecord({ outcome: 'skipped', skipCode: 'budget', reason: 'flapping: looks like one' }))).toBe(false);
  });

  it.each([
    ['not applicable: premium accounts only', 'not-applicable'],
    ['resource not found when re-read (deleted since the trigger?): ResourceNotFound', 'not-found'],
    ['undone by alice@contoso.com at 2026-11-23T11:00:00.000Z (record r1); not re-fixing within 60 minutes', 'undone-recently'],
    ['flapping: fixed 3 times in the last 60 minutes', 'flapping'],
    ['budget: 100 of 100 writes used in the last 60 minutes; not writing', 'budget'],
    ['something else', undefined],
  ])('reads a record written before skip codes from its reason: %s', (reason, code) => {
    expect(skipCodeOf(auditRecord({ outcome: 'skipped', reason }))).toBe(code);
  });

  it('is undefined for an unknown code (a newer version\'s) and for outcomes other than skipped', () => {
    expect(skipCodeOf(auditRecord({ outcome: 'skipped', skipCode: 'a-code-of-a-newer-version', reason: 'flapping: x' }))).toBeUndefined();
    expect(skipCodeOf(auditRecord({ outcome: 'fixed', skipCode: 'budget', reason: 'budget: x' }))).toBeUndefined();
  });
});

describe('readRecord and recommendation', () => {
  it('repairs a recommendation not of its shape to null, naming it', () => {
    const odd = readRecord({ ...auditRecord({}), recommendation: { name: 7 } });
    expect(odd?.record.recommendation).toBeNull();
    expect(odd?.repaired).toEqual(['recommendation (an object)']);
    const good = { assessmentKey: null, name: 'Storage accounts should have the specified minimum TLS version', policyDefinitionIds: ['/providers/Microsoft.Authorization/policyDefinitions/fe83a0eb-a853-422d-aac2-1bffd182c5d0'] };
    expect(readRecord({ ...auditRecord({}), recommendation: good })?.record.recommendation).toEqual(good);
  });
});

describe('readRecord and skipCode', () => {
  it('repairs a skipCode that is not text to null, naming it, and keeps an unknown code as written', () => {
    const odd = readRecord({ ...auditRecord({ outcome: 'skipped', reason: 'budget: x' }), skipCode: 7 });
    expect(odd?.record.skipCode).toBeNull();
    expect(odd?.repaired).toEqual(['skipCode (a number)']);
    const newer = readRecord({ ...auditRecord({ outcome: 'skipped', reason: 'x' }), skipCode: 'a-code-of-a-newer-version' });
    expect(newer?.record.skipCode).toBe('a-code-of-a-newer-version');
    expect(newer?.repaired).toEqual([]);
  });
});
