import type { PropertyFact, TypeFacts, WriteFact } from '../../kinds/facts';
import { boolean, integer, oneOf, string, type SandboxType, type ValueRule } from './kind';

/** What only the emulator knows about a type: how ARM fills in documents, never what a request may carry. */
export type EmulatorBehaviour = Pick<SandboxType, 'normalize' | 'afterPatch' | 'defaultChildren' | 'unsupportedApiVersionCode'>;

/** The value check of a property fact; containers (`object`, `array`) are checked only for their place. */
function valueRule(fact: PropertyFact): ValueRule | undefined {
  if (typeof fact !== 'string') return 'items' in fact ? { kind: 'enumArray', values: fact.items } : oneOf(...fact.enum);
  switch (fact) {
    case 'boolean':
      return boolean;
    case 'string':
      return string;
    case 'integer':
      return integer;
    case 'object':
    case 'array':
      return undefined;
  }
}

function rulesOf(write: WriteFact): Record<string, ValueRule> {
  const values: Record<string, ValueRule> = {};
  for (const [path, fact] of Object.entries(write.writable)) {
    const rule = valueRule(fact);
    if (rule) values[path] = rule;
  }
  return values;
}

/**
 * The emulator's rules for one ARM type, read off its spec facts: api-versions, readOnly paths, the
 * update's writable set, enums and long-running pattern, and the PUT where the facts name one. A type
 * without an update accepts no property writes, as Azure offers none.
 */
export function sandboxType(facts: TypeFacts, behaviour: EmulatorBehaviour = {}): SandboxType {
  const update = facts.update;
  const rule: SandboxType = {
    type: facts.type,
    apiVersions: facts.apiVersions,
    readOnly: facts.readOnly,
    writable: update ? Object.keys(update.writable) : [],
    values: update ? rulesOf(update) : {},
    topLevel: update?.topLevel ?? [],
    required: update?.required ?? [],
    ...behaviour,
  };
  if (facts.document) rule.document = true;
  if (facts.name !== undefined) rule.name = facts.name;
  if (update?.longRunning?.monitor) rule.longRunning = update.longRunning.monitor;
  if (facts.read.etag === 'header') rule.etagHeader = true;
  if (update?.ifMatch === 'required') rule.ifMatchRequired = true;
  const replace = facts.replace;
  if (replace) {
    rule.replace = { writable: Object.keys(replace.writable), values: rulesOf(replace), topLevel: replace.topLevel ?? [] };
    if (replace.longRunning?.monitor) rule.replace.longRunning = replace.longRunning.monitor;
  }
  return rule;
}
