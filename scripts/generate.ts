/**
 * Writes the files derived from the kind list and the controls catalog (the per-kind tables in
 * src/kinds/generated, role actions, Event Grid operations and filters, the onboarding policy definition, docs/controls.md, README's
 * control table).
 * `--check` writes nothing and exits 1 listing stale files, for CI.
 *   tsx scripts/generate.ts [--check]
 *
 * The per-kind tables come first and the catalog is loaded only after they are written: a kind
 * just added to KIND_NAMES is then in the catalog the role and docs are generated from, in one run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { GeneratedFile } from '../src/deploy/generated-file';
import { kindPartFiles, kindRegistryFiles } from '../src/deploy/kind-registries';
import { KIND_NAMES } from '../src/kinds/names';

const root = resolve(__dirname, '..');

function current(path: string): string | undefined {
  try {
    return readFileSync(resolve(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

function write(files: readonly GeneratedFile[]): void {
  for (const file of files) {
    const target = resolve(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    process.stdout.write(`wrote ${file.path}\n`);
  }
}

/** Each part file a kind in KIND_NAMES lacks, named so the maintainer knows what to add. */
function missingParts(): string[] {
  return KIND_NAMES.flatMap((kind) => kindPartFiles(kind)).filter((path) => !existsSync(resolve(root, path)));
}

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument(s): ${unknown.join(' ')}\nusage: tsx scripts/generate.ts [--check]\n`);
    return 2;
  }
  const check = argv.includes('--check');
  const missing = missingParts();
  if (missing.length > 0) {
    process.stderr.write(`kinds in src/kinds/names.ts lack these files (see docs/contributing.md):\n${missing.map((path) => `  ${path}\n`).join('')}`);
    return 1;
  }
  if (!check) write(kindRegistryFiles().filter((file) => current(file.path) !== file.content));
  const { catalog } = await import('../src/controls');
  const { generatedFiles } = await import('../src/deploy/generated-files');
  const stale = generatedFiles(catalog, current).filter((file) => current(file.path) !== file.content);
  if (check) {
    if (stale.length === 0) {
      process.stdout.write('generated files are up to date\n');
      return 0;
    }
    process.stderr.write(`stale generated files (run \`npm run generate\`):\n${stale.map((f) => `  ${f.path}\n`).join('')}`);
    return 1;
  }
  write(stale);
  if (stale.length === 0) process.stdout.write('generated files are up to date\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
