import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundle, bundleOptions, functionEntries } from '../../scripts/bundle';
import { importOnce, percentile, summarise } from '../../bench/cold-import';

const temporary: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tw-bundle-test-'));
  temporary.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/bundle', () => {
  it('bundles one CommonJS file per function for Node 20, minified with a linked source map', () => {
    const options = bundleOptions(['functions/onResourceWrite.ts']);
    expect(options).toMatchObject({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, sourcemap: 'linked' });
    expect(options.outdir?.replace(/\\/g, '/')).toMatch(/dist-bundle\/functions$/);
  });

  it('leaves @azure/functions-core to the Functions host', () => {
    expect(bundleOptions([]).external).toEqual(['@azure/functions-core']);
  });

  it('takes every registration file in functions/ as an entry', () => {
    const entries = functionEntries().map((file) => basename(file));
    expect(entries).toContain('onResourceWrite.ts');
    expect(entries.every((name) => name.endsWith('.ts'))).toBe(true);
  });

  it('inlines local modules, keeps the host module external and writes the map beside the bundle', async () => {
    const src = tempDir();
    const out = tempDir();
    writeFileSync(join(src, 'helper.ts'), 'export const greeting = (name: string): string => `hello ${name}`;\n');
    writeFileSync(join(src, 'entry.ts'), "import core from '@azure/functions-core';\nimport { greeting } from './helper';\nexport const value = [core, greeting('warden')];\n");
    const [report] = await bundle([join(src, 'entry.ts')], out);
    const code = readFileSync(join(out, 'entry.js'), 'utf8');
    expect(code).toContain('require("@azure/functions-core")');
    expect(code).toContain('hello ');
    expect(code).not.toContain("from './helper'");
    expect(code).toMatch(/\/\/# sourceMappingURL=entry\.js\.map\s*$/);
    expect(existsSync(join(out, 'entry.js.map'))).toBe(true);
    expect(report.bytes).toBeGreaterThan(0);
  });
});

describe('the deployed bundles', () => {
  // What the Functions worker does with `main`: require every bundle in one process. Outside the host
  // @azure/functions only warns and skips registration, so a failure here is a real load error
  // (for example a default import of @azure/functions, which is undefined under CommonJS).
  it('load in a fresh Node process outside the Functions host', async () => {
    const out = tempDir();
    const reports = await bundle(functionEntries(), out);
    const failures: string[] = [];
    for (const report of reports) {
      try {
        importOnce(join(out, basename(report.output)), out);
      } catch (err) {
        failures.push(`${report.entry}: ${(err as Error).message.split('\n').filter((line) => /Error/.test(line))[0] ?? (err as Error).message.slice(-300)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('bench/cold-import', () => {
  it('takes the nearest-rank median and p90', () => {
    const samples = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile([...samples].sort((a, b) => a - b), 50)).toBe(5);
    expect(summarise('x.js', samples)).toEqual({ file: 'x.js', runs: 10, median: 5, p90: 9, min: 1, max: 10 });
  });

  it('refuses to summarise no samples', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
  });

  it('times a require in a fresh process and reports a failing import with its stderr', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.js'), 'module.exports = 1;\n');
    writeFileSync(join(dir, 'broken.js'), 'throw new Error("boom at import");\n');
    expect(importOnce(join(dir, 'ok.js'), dir)).toBeGreaterThanOrEqual(0);
    expect(() => importOnce(join(dir, 'broken.js'), dir)).toThrow(/boom at import/);
  });
});
