/**
 * A kind folder holds its test fixtures (fixtures.ts) and its controls' case tables
 * (<control-id>.test.ts) beside its code, so that a new kind is one folder. They import test
 * helpers, so production code must never import them: tsconfig.build.json leaves them out of the
 * build, and this test keeps every other file under src/ from importing one (or anything in test/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../helpers/source-files';
import { catalog, CONTROLS_BY_KIND } from '../../src/controls';
import { KIND_NAMES } from '../../src/kinds/names';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

const relative = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

/** Test-only files under src/, as tsconfig.build.json excludes them. */
function isTestOnly(file: string): boolean {
  return /^src\/(.+\.test\.ts|kinds\/[^/]+\/fixtures\.ts|kinds\/generated\/fixtures\.ts)$/.test(relative(file));
}

function importedFiles(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\()'(\.[^']+)'/g)].map((m) => relative(path.resolve(path.dirname(file), m[1].replace(/\.js$/, ''))));
}

describe('test-only files under src/', () => {
  it('are imported by no production file', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !isTestOnly(file))
      .flatMap((file) => importedFiles(file)
        .filter((target) => target.startsWith('test/') || /(^|\/)fixtures$/.test(target) || target.endsWith('.test'))
        .map((target) => `${relative(file)} imports ${target}`));
    expect(offenders).toEqual([]);
  });

  it('are left out of the build by tsconfig.build.json', () => {
    const build = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as { exclude?: string[] };
    expect(build.exclude).toEqual(['src/**/*.test.ts', 'src/kinds/*/fixtures.ts', 'src/kinds/generated/fixtures.ts']);
  });

  it('include a case table beside every control of the catalog, run through the control tester', () => {
    const missing: string[] = [];
    for (const kind of KIND_NAMES) {
      for (const control of CONTROLS_BY_KIND[kind]) {
        const file = path.join(SRC, 'kinds', kind, `${control.id}.test.ts`);
        let text = '';
        try {
          text = readFileSync(file, 'utf8');
        } catch {
          missing.push(`${relative(file)} (add a controlCases table for ${control.id}; see docs/contributing.md)`);
          continue;
        }
        if (!/\bcontrolCases\(/.test(text) || !text.includes(`./${control.id}'`)) missing.push(`${relative(file)} does not run ${control.id} through controlCases`);
      }
    }
    expect(missing).toEqual([]);
    expect(KIND_NAMES.flatMap((kind) => CONTROLS_BY_KIND[kind]).length).toBe(catalog.length);
  });
});
