import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { generatedFiles } from '../../src/deploy/generated-files';

const ROOT = resolve(__dirname, '../..');

function committed(path: string): string | undefined {
  try {
    return readFileSync(resolve(ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
}

describe('generated files', () => {
  it.each(generatedFiles(catalog, committed).map((file) => [file.path, file.content]))('%s is what the catalog generates', (path, content) => {
    const actual = committed(path);
    if (actual !== content) {
      expect.fail(`${path} is ${actual === undefined ? 'missing' : 'stale'}: the controls catalog changed. Run \`npm run generate\` and commit the result.`);
    }
  });
});
