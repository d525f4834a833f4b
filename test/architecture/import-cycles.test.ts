/**
 * No import cycles among src/ modules, type-only imports included: a cycle makes load order decide
 * what a module sees at import time, and a type-only one still ties two modules that should be
 * layered (the CLI entry and a command it lazy-loads). Lazy `import('./x.js')` calls are edges too:
 * loading late does not make the dependency go the other way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../helpers/source-files';

const SRC = path.resolve(__dirname, '../../src');

/** `import … from './x'`, `export … from './x'` and `import('./x.js')` specifiers of one file, resolved to files. */
function localImports(file: string, known: ReadonlySet<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...[...text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\bimport\('(\.[^']+)'\)/g)].map((m) => m[1]),
  ];
  return specifiers.flatMap((spec) => {
    const base = path.resolve(path.dirname(file), spec.replace(/\.js$/, ''));
    const candidates = [`${base}.ts`, path.join(base, 'index.ts')];
    const found = candidates.find((c) => known.has(c));
    return found ? [found] : [];
  });
}

/** Every strongly connected group of more than one module (Tarjan), each as relative paths. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    indexOf.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, indexOf.get(next) ?? 0));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        group.push(path.relative(SRC, member));
      } while (member !== node);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return groups;
}

describe('src/ module graph', () => {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  const graph = new Map(files.map((file) => [file, localImports(file, known)]));

  it('is read from every source file (the import pattern matches this code base)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get(path.join(SRC, 'cli/main.ts'))).toContain(path.join(SRC, 'cli/sandbox-command.ts'));
  });

  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    expect(cycles(new Map([['/a', ['/b']], ['/b', ['/c']], ['/c', ['/a']], ['/d', ['/a']]]))).toHaveLength(1);
  });
});
