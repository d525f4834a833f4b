/**
 * Bundles the Functions entry (functions/index.ts, which imports every registration) into
 * dist-bundle/index.js with esbuild: one file with its dependencies inlined, so a cold start reads
 * one file instead of resolving hundreds of modules under node_modules, and the SDKs are carried once
 * rather than once per function. The deployed package.json points `main` at it.
 * Run: tsx scripts/bundle.ts
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { LAZY_SDK_PACKAGES } from '../src/azure/sdk';

export const ROOT = resolve(__dirname, '..');
export const BUNDLE_DIR = join(ROOT, 'dist-bundle');

/** The registration files: one per function, as DESIGN lays them out (index.ts imports them all). */
export function functionEntries(dir: string = join(ROOT, 'functions')): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts') && name !== 'index.ts')
    .sort()
    .map((name) => join(dir, name));
}

/** The single deployed entry. */
export const INDEX_ENTRY = join(ROOT, 'functions', 'index.ts');

export function bundleOptions(entryPoints: string[], outdir: string = BUNDLE_DIR): BuildOptions {
  return {
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: 'linked',
    // The Functions host injects @azure/functions-core into the worker; it is not an npm package.
    // The Azure SDKs stay in node_modules: src/azure/sdk.ts loads them on first use, and inlining
    // them would make every cold start compile them (measured: 328 ms vs 67 ms, see README).
    external: ['@azure/functions-core', ...LAZY_SDK_PACKAGES],
    // Keep function and class names: stack traces in Application Insights stay readable.
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
  };
}

export interface BundleReport {
  entry: string;
  output: string;
  bytes: number;
}

export async function bundle(entryPoints: string[] = [INDEX_ENTRY], outdir: string = BUNDLE_DIR): Promise<BundleReport[]> {
  await build(bundleOptions(entryPoints, outdir));
  return entryPoints.map((entry) => {
    const output = join(outdir, `${basename(entry, '.ts')}.js`);
    return { entry: relative(ROOT, entry), output: relative(ROOT, output), bytes: statSync(output).size };
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

if (require.main === module) {
  bundle()
    .then((reports) => {
      const width = Math.max(...reports.map((r) => r.output.length));
      for (const r of reports) process.stdout.write(`${r.output.padEnd(width)}  ${formatBytes(r.bytes).padStart(10)}\n`);
    })
    .catch((err: unknown) => {
      process.stderr.write(`bundle failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
