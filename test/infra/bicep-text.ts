import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The Bicep compiler cannot be installed here (it downloads a binary), so the templates are checked
 * as text: comments stripped, then declarations and calls found with patterns that follow Bicep's
 * grammar closely enough for the files in infra/.
 */
export const ROOT = resolve(__dirname, '../..');
export const INFRA = join(ROOT, 'infra');

export function bicepFiles(): string[] {
  return readdirSync(INFRA).filter((f) => f.endsWith('.bicep')).sort();
}

export function readInfra(file: string): string {
  return readFileSync(join(INFRA, file), 'utf8');
}

/** Removes // and /* *\/ comments outside single-quoted strings (Bicep has no other string quotes). */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (c === "'") inString = false;
      i += 1;
    } else if (c === "'") {
      inString = true;
      out += c;
      i += 1;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

export interface ParamDecl {
  name: string;
  type: string;
  hasDefault: boolean;
}

export function params(text: string): ParamDecl[] {
  const found: ParamDecl[] = [];
  for (const match of stripComments(text).matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z]+)(\s*=)?/gm)) {
    found.push({ name: match[1], type: match[2], hasDefault: match[3] !== undefined });
  }
  return found;
}

/** Params never referenced after their declaration. */
export function unusedParams(text: string): string[] {
  const code = stripComments(text);
  return params(text)
    .map((p) => p.name)
    .filter((name) => {
      const withoutDeclaration = code.replace(new RegExp(`^param\\s+${name}\\b.*$`, 'm'), '');
      return !new RegExp(`(?<![A-Za-z0-9_.'])${name}\\b`).test(withoutDeclaration);
    });
}

export function outputs(text: string): string[] {
  return [...stripComments(text).matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((m) => m[1]);
}

/** `loadJsonContent('path')` arguments, resolved against the file's own directory as Bicep does. */
export function loadJsonContentPaths(file: string): { literal: string; resolved: string }[] {
  const text = stripComments(readInfra(file));
  return [...text.matchAll(/loadJsonContent\(\s*'([^']+)'/g)].map((m) => ({ literal: m[1], resolved: resolve(dirname(join(INFRA, file)), m[1]) }));
}

/** `module name 'path.bicep'` targets, resolved like loadJsonContent. */
export function modulePaths(file: string): { literal: string; resolved: string }[] {
  const text = stripComments(readInfra(file));
  return [...text.matchAll(/^module\s+\w+\s+'([^']+)'/gm)].map((m) => ({ literal: m[1], resolved: resolve(dirname(join(INFRA, file)), m[1]) }));
}

/**
 * The text of the object or array literal that follows the match of `label` (a resource
 * declaration followed by a brace, or a property such as appSettings followed by a bracket), with
 * brackets balanced. Interpolations balance too.
 */
export function block(text: string, label: RegExp): string {
  const code = stripComments(text);
  const match = label.exec(code);
  if (!match) throw new Error(`no ${label} in template`);
  let start = match.index + match[0].length;
  while (start < code.length && code[start] !== '{' && code[start] !== '[') start += 1;
  let depth = 0;
  for (let i = start; i < code.length; i += 1) {
    if (code[i] === '{' || code[i] === '[') depth += 1;
    if (code[i] === '}' || code[i] === ']') {
      depth -= 1;
      if (depth === 0) return code.slice(start, i + 1);
    }
  }
  throw new Error(`unbalanced brackets after ${label}`);
}

/** `{ name: 'X' value: ... }` pairs of an appSettings array. */
export function appSettingNames(text: string): string[] {
  return [...block(text, /appSettings:\s*/).matchAll(/name:\s*'([^']+)'/g)].map((m) => m[1]);
}
