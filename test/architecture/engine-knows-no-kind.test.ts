import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = path.resolve(__dirname, '../../src/engine');

describe('the engine', () => {
  it('imports nothing from a kind folder: what a kind means (restarts, pending values, write methods) comes through the control and the adapter', () => {
    const files = readdirSync(ENGINE).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const imports = [...readFileSync(path.join(ENGINE, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((spec) => /(^|\/)kinds\/(?!names$)/.test(spec)), file).toEqual([]);
    }
  });
});
