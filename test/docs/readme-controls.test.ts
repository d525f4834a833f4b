import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';

const README = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');

/** The control ids in the first column of README's "What it checks" table, in order (a cell may list several). */
function readmeControlIds(): string[] {
  const start = README.indexOf('## What it checks');
  const section = README.slice(start, README.indexOf('\n## ', start + 1));
  return [...section.matchAll(/^\| ([a-z0-9, -]+) \|/gm)]
    .map((m) => m[1])
    .filter((cell) => cell !== 'id')
    .flatMap((cell) => cell.split(',').map((id) => id.trim()));
}

describe("README's control table", () => {
  it('lists every control of the catalog, in catalog order, and no other', () => {
    expect(readmeControlIds()).toEqual(catalog.map((control) => control.id));
  });

  it('says each control\'s default mode as the catalog does', () => {
    const start = README.indexOf('## What it checks');
    const section = README.slice(start, README.indexOf('\n## ', start + 1));
    for (const control of catalog) {
      const row = section.split('\n').find((line) => line.startsWith('| ') && line.split(' | ')[0].slice(2).split(',').map((id) => id.trim()).includes(control.id));
      expect(row?.trim().endsWith(`| ${control.defaultMode} |`), `${control.id}: ${row}`).toBe(true);
    }
  });
});
