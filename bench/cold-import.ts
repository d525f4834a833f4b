/**
 * Cold import time of the Functions entry, bundled (dist-bundle/index.js, `npm run bundle`) vs the
 * plain tsc output (dist/functions, `npm run build`). Each sample is a fresh `node` process, so
 * nothing is in the module cache — what a Flex Consumption instance pays on a cold start before the
 * first event is handled. The time is measured inside the child around `require`, so Node's own
 * boot time does not blur the difference.
 *   node --import tsx bench/cold-import.ts [--runs N] [--entry onResourceWrite]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import { bundle, functionEntries } from '../scripts/bundle';

const ROOT = resolve(__dirname, '..');

export interface ImportFigures {
  file: string;
  runs: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

export interface ColdImportResult {
  coldImportMs: { bundled: ImportFigures; unbundled: ImportFigures };
}

export interface ColdImportOptions {
  /**
   * Function entry name (functions/<entry>.ts), or `all`: every entry in one process, which is what
   * the Functions worker does with a `main` glob.
   */
  entry?: string;
  runs?: number;
  /** Bundle first when dist-bundle is missing (fast); dist/ must come from `npm run build`. */
  bundleIfMissing?: boolean;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(file: string, samples: readonly number[]): ImportFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    file,
    runs: sorted.length,
    median: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

// Printed by the child: milliseconds spent in require() of the entry.
const CHILD = [
  'const start = process.hrtime.bigint();',
  'for (const f of process.env.COLD_IMPORT_FILES.split(require("path").delimiter)) require(f);',
  'const ms = Number(process.hrtime.bigint() - start) / 1e6;',
  'process.stdout.write("\\n@@" + ms + "\\n");',
].join('');

/** One cold import of `files` (in order, one process), in milliseconds. */
export function importOnce(files: string | readonly string[], cwd: string): number {
  const list = typeof files === 'string' ? [files] : [...files];
  const result = spawnSync(process.execPath, ['-e', CHILD], {
    cwd,
    encoding: 'utf8',
    // A clean environment: no app settings, no audit table; outside the Functions host the
    // registration only warns, and nothing here reaches the network.
    env: { PATH: process.env.PATH ?? '', COLD_IMPORT_FILES: list.join(delimiter), TRANSIT_WARDEN_LOG_LEVEL: 'silent', NODE_OPTIONS: '' },
    timeout: 60_000,
  });
  const match = /@@([0-9.]+)/.exec(result.stdout ?? '');
  if (result.status !== 0 || !match) {
    throw new Error(`importing ${list.join(', ')} failed (exit ${result.status ?? 'signal'}): ${(result.stderr ?? '').trim().slice(-1500)}`);
  }
  return Number(match[1]);
}

export async function runColdImportBench(options: ColdImportOptions = {}): Promise<ColdImportResult> {
  // The deployed entry is functions/index.ts (every registration); one function alone can be named too.
  const entry = options.entry ?? 'index';
  const runs = options.runs ?? 15;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive whole number, got ${runs}`);
  const names = entry === 'all' ? functionEntries().map((file) => basename(file, '.ts')) : [entry];
  const bundled = [join(ROOT, 'dist-bundle', 'index.js')];
  const unbundled = names.map((name) => join(ROOT, 'dist', 'functions', `${name}.js`));
  if (!bundled.every((file) => existsSync(file))) {
    if (options.bundleIfMissing === false) throw new Error(`${bundled.join(', ')} missing: run \`npm run bundle\``);
    await bundle();
  }
  const missing = unbundled.filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} missing: run \`npm run build\``);

  const cwd = mkdtempSync(join(tmpdir(), 'tw-cold-import-'));
  try {
    const samples = { bundled: [] as number[], unbundled: [] as number[] };
    // Interleaved, so drift on a shared machine hits both sides alike.
    for (let i = 0; i < runs; i += 1) {
      samples.bundled.push(importOnce(bundled, cwd));
      samples.unbundled.push(importOnce(unbundled, cwd));
    }
    return {
      coldImportMs: {
        bundled: summarise('dist-bundle/index.js', samples.bundled),
        unbundled: summarise(`dist/functions/${entry === 'all' ? '*' : entry}.js`, samples.unbundled),
      },
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

export function formatTable(result: ColdImportResult): string {
  const rows = (['bundled', 'unbundled'] as const).map((kind) => {
    const f = result.coldImportMs[kind];
    return [kind, f.file, String(f.runs), f.median.toFixed(1), f.p90.toFixed(1)];
  });
  const header = ['variant', 'file', 'runs', 'median ms', 'p90 ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function argValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const runs = argValue(argv, '--runs');
  runColdImportBench({ entry: argValue(argv, '--entry'), runs: runs === undefined ? undefined : Number(runs) })
    .then((result) => process.stdout.write(`${formatTable(result)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`cold-import bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    });
}
