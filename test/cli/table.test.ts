import { describe, expect, it } from 'vitest';
import { findingsTable, renderTable } from '../../src/cli/table';
import { auditRecord } from '../fixtures/audit';

const ESC = '\u001b';
const BEL = '\u0007';
const CSI = '\u009b';
const RLO = '\u202e';
// Characters a terminal acts on rather than shows: C0 and C1 controls, DEL and bidi overrides/isolates.
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const HOSTILE_CELLS = [
  `before ${ESC}[31mred${ESC}[0m after`,
  `see ${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${BEL} here`,
  `ring${BEL}bell`,
  `c1${CSI}2Jcsi`,
  `left${RLO}thgir`,
];

describe('renderTable', () => {
  it('does not pass escape sequences, BEL, C1 controls or bidi overrides through to the terminal', () => {
    const text = renderTable(['ID', 'REASON'], HOSTILE_CELLS.map((cell, i) => [String(i), cell]), 200);

    expect(text).not.toMatch(TERMINAL_CONTROLS);
    for (const word of ['before', 'red', 'after', 'see', 'click', 'here', 'ring', 'bell', 'c1', '2Jcsi', 'left', 'thgir']) {
      expect(text).toContain(word);
    }
    expect(text).toContain('before ?[31mred?[0m after');
    expect(text).toContain('left?thgir');
  });

  it('sanitises header cells too', () => {
    expect(renderTable([`A${ESC}[2J`], [['x']])).not.toContain(ESC);
  });

  it('still folds line breaks and tabs to one space', () => {
    expect(renderTable(['A', 'B'], [['one\r\ntwo\tthree', 'x']])).toContain('one two three  x');
  });

  it('sizes columns from the sanitised text, so every row lines up', () => {
    const text = renderTable(['REASON', 'END'], [[`${ESC}[31mred${ESC}[0m`, 'x'], ['plain', 'y']]);
    const [header, rule, first, second] = text.split('\n');

    // '?[31mred?[0m' is 12 characters; the column is that wide plus the two-space gap.
    expect(rule).toBe(`${'-'.repeat(12)}  ---`);
    expect(header.indexOf('END')).toBe(14);
    expect(first.indexOf('x')).toBe(14);
    expect(second.indexOf('y')).toBe(14);
  });

  it('cuts long cells after sanitising them, to the width it was given', () => {
    const text = renderTable(['A'], [[`${ESC}${'x'.repeat(20)}`]], 10);
    expect(text.split('\n')[2]).toBe(`?${'x'.repeat(8)}…`);
  });
});

describe('findingsTable', () => {
  it('does not let a tag value quoted in a reason drive the terminal', () => {
    const text = findingsTable([auditRecord({ outcome: 'exempt', reason: `exempt: tag says ${ESC}]0;pwned${BEL}${RLO}ok` })], 100);

    expect(text).toBeDefined();
    expect(text).not.toMatch(TERMINAL_CONTROLS);
    expect(text).toContain('exempt: tag says ?]0;pwned??ok');
  });
});
