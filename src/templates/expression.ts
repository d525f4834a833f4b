/**
 * ARM template expressions (`"[parameters('name')]"`), evaluated as far as a template read offline
 * allows. What depends on a deployment (resourceGroup(), reference(), uniqueString(), …) or on a
 * value nobody gave is `Unresolved`: it carries the expression and a stand-in text, so a name built
 * from it (`format('{0}/web', parameters('site'))`) still joins its parent, and a control that reads
 * it says `unknown` instead of guessing. Hand-written because no maintained JavaScript evaluator of
 * the template language exists (Bicep and PSRule evaluate it in .NET); this one covers the functions
 * that build names and literal settings, and treats every other function as unresolved.
 */
import type { Json } from '../core/json';
import { WardenError } from '../errors';

export class Unresolved {
  constructor(
    /** The smallest expression that could not be evaluated, as written in the template. */
    readonly expression: string,
    /** Why, for the reader of `check`'s output. */
    readonly why: string,
    /** What the value contributes to a string built from it (a name, a format). */
    readonly standIn: string = `{${expression}}`,
  ) {}
}

/** A template value: JSON, with unresolved parts where evaluation stopped. */
export type TemplateValue = Json | Unresolved | TemplateValue[] | { [key: string]: TemplateValue };

export interface ExpressionScope {
  parameter(name: string): TemplateValue;
  variable(name: string): TemplateValue;
  /** The current copy loop's index, or undefined outside a loop. */
  copyIndex?: number;
}

type Token =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'name'; value: string }
  | { kind: 'punct'; value: '(' | ')' | ',' | '.' | '[' | ']' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) { i += 1; continue; }
    if (ch === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw syntax(text, 'unterminated string');
        if (text[i] === "'") {
          if (text[i + 1] === "'") { value += "'"; i += 2; continue; }
          i += 1;
          break;
        }
        value += text[i];
        i += 1;
      }
      tokens.push({ kind: 'string', value });
      continue;
    }
    const number = /^-?\d+/.exec(text.slice(i));
    if (number) { tokens.push({ kind: 'number', value: Number(number[0]) }); i += number[0].length; continue; }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) { tokens.push({ kind: 'name', value: name[0] }); i += name[0].length; continue; }
    if ('(),.[]'.includes(ch)) { tokens.push({ kind: 'punct', value: ch as '(' }); i += 1; continue; }
    throw syntax(text, `unexpected ${JSON.stringify(ch)}`);
  }
  return tokens;
}

function syntax(text: string, what: string): WardenError {
  return new WardenError('INVALID_INPUT', `template expression [${text}] does not parse: ${what}`);
}

type Node =
  | { kind: 'literal'; value: string | number; text: string }
  | { kind: 'call'; name: string; args: Node[]; text: string }
  | { kind: 'member'; target: Node; property: string; text: string }
  | { kind: 'index'; target: Node; index: Node; text: string };

function parse(text: string): Node {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const expect = (value: string): void => {
    const token = tokens[at];
    if (!token || token.kind !== 'punct' || token.value !== value) throw syntax(text, `expected ${value}`);
    at += 1;
  };
  const source = (node: Node): string => node.text;
  function expression(): Node {
    const token = tokens[at];
    if (!token) throw syntax(text, 'unexpected end');
    at += 1;
    let node: Node;
    if (token.kind === 'string') node = { kind: 'literal', value: token.value, text: `'${token.value.replace(/'/g, "''")}'` };
    else if (token.kind === 'number') node = { kind: 'literal', value: token.value, text: String(token.value) };
    else if (token.kind === 'name') {
      // User-defined functions are namespace.name; fold the dot into the name.
      let name = token.value;
      const next = peek();
      if (next?.kind === 'punct' && next.value === '.' && tokens[at + 1]?.kind === 'name' && tokens[at + 2]?.kind === 'punct' && (tokens[at + 2] as { value: string }).value === '(') {
        name = `${name}.${(tokens[at + 1] as { value: string }).value}`;
        at += 2;
      }
      expect('(');
      const args: Node[] = [];
      if (!(peek()?.kind === 'punct' && (peek() as { value: string }).value === ')')) {
        for (;;) {
          args.push(expression());
          const separator = peek();
          if (separator?.kind === 'punct' && separator.value === ',') { at += 1; continue; }
          break;
        }
      }
      expect(')');
      node = { kind: 'call', name, args, text: `${name}(${args.map(source).join(', ')})` };
    } else throw syntax(text, `unexpected ${token.value}`);
    for (;;) {
      const next = peek();
      if (next?.kind === 'punct' && next.value === '.') {
        const property = tokens[at + 1];
        if (property?.kind !== 'name') throw syntax(text, 'expected a property name after .');
        at += 2;
        node = { kind: 'member', target: node, property: property.value, text: `${node.text}.${property.value}` };
      } else if (next?.kind === 'punct' && next.value === '[') {
        at += 1;
        const index = expression();
        expect(']');
        node = { kind: 'index', target: node, index, text: `${node.text}[${index.text}]` };
      } else break;
    }
    return node;
  }
  const node = expression();
  if (at !== tokens.length) throw syntax(text, 'unexpected text after the expression');
  return node;
}

const isObject = (value: TemplateValue): value is { [key: string]: TemplateValue } =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Unresolved);

/** The first unresolved part of a value, if any (deep). */
export function firstUnresolved(value: TemplateValue): Unresolved | undefined {
  if (value instanceof Unresolved) return value;
  if (Array.isArray(value)) {
    for (const item of value) { const found = firstUnresolved(item); if (found) return found; }
  } else if (isObject(value)) {
    for (const item of Object.values(value)) { const found = firstUnresolved(item); if (found) return found; }
  }
  return undefined;
}

/** Text a string function makes of a value: an unresolved part becomes its stand-in. */
function asText(value: TemplateValue): string {
  if (value instanceof Unresolved) return value.standIn;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A string function over unresolved input: unresolved, named by the whole call, standing in as the text it would have. */
function partialString(node: Node, text: string, why: string): Unresolved {
  return new Unresolved(node.text, why, text);
}

function evaluateNode(node: Node, scope: ExpressionScope): TemplateValue {
  if (node.kind === 'literal') return node.value;
  if (node.kind === 'member' || node.kind === 'index') {
    const target = evaluateNode(node.target, scope);
    const key = node.kind === 'member' ? node.property : evaluateNode(node.index, scope);
    if (target instanceof Unresolved) return new Unresolved(node.text, target.why);
    if (key instanceof Unresolved) return new Unresolved(node.text, key.why);
    if (Array.isArray(target) && typeof key === 'number') return target[key] ?? new Unresolved(node.text, `index ${key} is out of range`);
    if (isObject(target) && (typeof key === 'string' || typeof key === 'number')) {
      const found = Object.entries(target).find(([k]) => k.toLowerCase() === String(key).toLowerCase());
      return found ? found[1] : new Unresolved(node.text, `no member ${String(key)}`);
    }
    return new Unresolved(node.text, 'not an object or array');
  }
  const name = node.name.toLowerCase();
  const args = (): TemplateValue[] => node.args.map((arg) => evaluateNode(arg, scope));
  switch (name) {
    case 'parameters':
    case 'variables': {
      const [key] = args();
      if (typeof key !== 'string') return new Unresolved(node.text, `${node.name}() needs a literal name`);
      return name === 'parameters' ? scope.parameter(key) : scope.variable(key);
    }
    case 'true': return true;
    case 'false': return false;
    case 'null': return null;
    case 'copyindex': {
      if (scope.copyIndex === undefined) return new Unresolved(node.text, 'copyIndex() outside a copy loop this reader expands');
      const values = args();
      const offset = values.find((v) => typeof v === 'number');
      return scope.copyIndex + (typeof offset === 'number' ? offset : 0);
    }
    case 'concat': {
      const values = args();
      if (values.length > 0 && values.every((v) => Array.isArray(v))) return values.flatMap((v) => v as TemplateValue[]);
      const text = values.map(asText).join('');
      const unresolved = values.find((v) => v instanceof Unresolved) as Unresolved | undefined;
      return unresolved ? partialString(node, text, unresolved.why) : text;
    }
    case 'format': {
      const [format, ...rest] = args();
      if (typeof format !== 'string') return new Unresolved(node.text, 'format() needs a literal format string');
      const text = format.replace(/\{(\d+)(:[^}]*)?\}/g, (_, i: string) => (rest[Number(i)] === undefined ? '' : asText(rest[Number(i)])));
      const unresolved = rest.find((v) => v instanceof Unresolved) as Unresolved | undefined;
      return unresolved ? partialString(node, text, unresolved.why) : text;
    }
    case 'tolower':
    case 'toupper': {
      const [value] = args();
      if (value instanceof Unresolved) return partialString(node, value.standIn, value.why);
      if (typeof value !== 'string') return new Unresolved(node.text, `${node.name}() needs a string`);
      return name === 'tolower' ? value.toLowerCase() : value.toUpperCase();
    }
    case 'string': {
      const [value] = args();
      if (value instanceof Unresolved) return partialString(node, value.standIn, value.why);
      return typeof value === 'string' ? value : JSON.stringify(value);
    }
    case 'bool': {
      const [value] = args();
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      if (typeof value === 'number') return value !== 0;
      return new Unresolved(node.text, value instanceof Unresolved ? value.why : 'bool() of a value that is no boolean');
    }
    case 'int': {
      const [value] = args();
      if (typeof value === 'number') return Math.trunc(value);
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
      return new Unresolved(node.text, value instanceof Unresolved ? value.why : 'int() of a value that is no integer');
    }
    case 'if': {
      if (node.args.length !== 3) return new Unresolved(node.text, 'if() takes three arguments');
      const condition = evaluateNode(node.args[0], scope);
      if (typeof condition !== 'boolean') return new Unresolved(node.text, condition instanceof Unresolved ? condition.why : 'if() condition is no boolean');
      return evaluateNode(node.args[condition ? 1 : 2], scope);
    }
    case 'equals': {
      const [a, b] = args();
      const open = firstUnresolved([a, b]);
      if (open) return new Unresolved(node.text, open.why);
      return JSON.stringify(a) === JSON.stringify(b);
    }
    case 'not': {
      const [value] = args();
      return typeof value === 'boolean' ? !value : new Unresolved(node.text, value instanceof Unresolved ? value.why : 'not() of a value that is no boolean');
    }
    case 'and':
    case 'or': {
      const values = args();
      if (values.every((v) => typeof v === 'boolean')) return name === 'and' ? values.every(Boolean) : values.some(Boolean);
      // A known deciding value settles it even when another operand is unknown.
      if (name === 'and' && values.includes(false)) return false;
      if (name === 'or' && values.includes(true)) return true;
      return new Unresolved(node.text, 'an operand is not known offline');
    }
    case 'coalesce': {
      for (const value of args()) {
        if (value instanceof Unresolved) return new Unresolved(node.text, value.why);
        if (value !== null) return value;
      }
      return null;
    }
    case 'createarray': return args();
    case 'createobject': {
      const values = args();
      const out: { [key: string]: TemplateValue } = {};
      for (let i = 0; i + 1 < values.length; i += 2) {
        const key = values[i];
        if (typeof key !== 'string') return new Unresolved(node.text, 'createObject() with a key that is not known');
        out[key] = values[i + 1];
      }
      return out;
    }
    default:
      return new Unresolved(node.text, `${node.name}() depends on the deployment, not on the template`);
  }
}

/** A template string: `[expr]` is an expression, `[[…` a literal starting with `[`, anything else itself. */
export function evaluateString(text: string, scope: ExpressionScope): TemplateValue {
  if (text.startsWith('[[')) return text.slice(1);
  if (!(text.startsWith('[') && text.endsWith(']'))) return text;
  return evaluateNode(parse(text.slice(1, -1)), scope);
}

/** Every string in a template value evaluated (objects and arrays walked). */
export function evaluateValue(value: Json, scope: ExpressionScope): TemplateValue {
  if (typeof value === 'string') return evaluateString(value, scope);
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, scope));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: TemplateValue } = {};
    for (const [key, item] of Object.entries(value)) out[key] = evaluateValue(item, scope);
    return out;
  }
  return value;
}
