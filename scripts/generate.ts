/**
 * Writes the files derived from the controls catalog (role actions, Event Grid operations and
 * filters, docs/controls.md). `--check` writes nothing and exits 1 listing stale files, for CI.
 *   tsx scripts/generate.ts [--check]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { catalog } from '../src/controls';
import { generatedFiles } from '../src/deploy/generated-files';

const root = resolve(__dirname, '..');

function current(path: string): string | undefined {
  try {
    return readFileSync(resolve(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

function main(argv: readonly string[]): number {
  const unknown = argv.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument(s): ${unknown.join(' ')}\nusage: tsx scripts/generate.ts [--check]\n`);
    return 2;
  }
  const check = argv.includes('--check');
  const stale = generatedFiles(catalog).filter((file) => current(file.path) !== file.content);
  if (check) {
    if (stale.length === 0) {
      process.stdout.write('generated files are up to date\n');
      return 0;
    }
    process.stderr.write(`stale generated files (run \`npm run generate\`):\n${stale.map((f) => `  ${f.path}\n`).join('')}`);
    return 1;
  }
  for (const file of stale) {
    const target = resolve(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    process.stdout.write(`wrote ${file.path}\n`);
  }
  if (stale.length === 0) process.stdout.write('generated files are up to date\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
