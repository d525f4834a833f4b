import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { bundle, bundleOptions, functionEntries, INDEX_ENTRY } from '../../scripts/bundle';
import { LAZY_SDK_PACKAGES } from '../../src/azure/sdk';
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
  it('bundles the functions entry as one CommonJS file for Node 20, minified with a linked source map', () => {
    const options = bundleOptions([INDEX_ENTRY]);
    expect(options).toMatchObject({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, sourcemap: 'linked' });
    expect(options.outdir?.replace(/\\/g, '/')).toMatch(/dist-bundle$/);
  });

  it('leaves @azure/functions-core to the host and the lazily loaded SDKs to node_modules', () => {
    expect(bundleOptions([]).external).toEqual(['@azure/functions-core', ...LAZY_SDK_PACKAGES]);
  });

  it('keeps external only packages the deployed app depends on, and every SDK require in src/azure/sdk.ts', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of LAZY_SDK_PACKAGES) expect(Object.keys(pkg.dependencies), name).toContain(name);
    const sdkSource = readFileSync(join(__dirname, '../../src/azure/sdk.ts'), 'utf8');
    const required = [...sdkSource.matchAll(/require\('([^']+)'\)/g)].map((m) => m[1]);
    expect([...LAZY_SDK_PACKAGES].sort()).toEqual([...new Set(required)].sort());
  });

  it('deploys an index that imports every registration file in functions/', () => {
    const entries = functionEntries().map((file) => basename(file, '.ts'));
    expect(entries).toEqual(expect.arrayContaining(['onResourceWrite', 'driftSweep', 'sweepSubscription', 'audit', 'review']));
    const index = readFileSync(INDEX_ENTRY, 'utf8');
    for (const name of entries) expect(index).toContain(`import './${name}';`);
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
  it('load in a fresh Node process outside the Functions host and reach every registration', async () => {
    const out = tempDir();
    const [report] = await bundle([INDEX_ENTRY], out);
    const result = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(out, basename(report.output)))})`], { cwd: out, encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    // Outside the host @azure/functions skips registration with a warning naming the function:
    // each name showing up proves its registration ran without a load error.
    for (const name of functionEntries().map((file) => basename(file, '.ts'))) {
      expect(result.stderr).toContain(`register function "${name}"`);
    }
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
