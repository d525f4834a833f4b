import { describe, expect, it } from 'vitest';
import { CONTROLS_BY_KIND } from '../../src/controls';
import { type ArmObject, type ControlDefinition, type Json, type JsonObject } from '../../src/controls/types';
import { findTypeFacts, type KindFacts, type PropertyFact, type SpecSource, type TypeFacts } from '../../src/kinds/facts';
import { FACTS_BY_KIND } from '../../src/kinds/generated/facts';
import { inKindOrder, KIND_NAMES } from '../../src/kinds/names';
import { SANDBOX_KINDS } from '../../src/sandbox/kinds';
import { leaves } from '../../src/sandbox/json';
import { checkPatchBody } from '../../src/sandbox/patch-rules';
import { DRIFTED_BY_KIND } from '../fixtures/drifted-estate';

/** Documents every fixing control fails on, one set per kind (src/kinds/<kind>/fixtures.ts). */
function failingDocuments(): ArmObject[] {
  return inKindOrder(DRIFTED_BY_KIND).flatMap((kind) => kind.failsEveryControl());
}

const lower = (s: string): string => s.toLowerCase();

/** The facts of `type`, or of the named document where the kind names it (App Service config/authsettingsV2). */
function factsOfType(facts: KindFacts, type: string, name?: string): TypeFacts | undefined {
  return findTypeFacts(facts.types, type, name);
}

/** The last segment of an ARM id: the document's name. */
const nameOf = (object: ArmObject): string => String(object.id).split('/').pop() ?? '';

function satisfies(fact: PropertyFact, value: Json): boolean {
  if (typeof fact !== 'string') {
    if ('items' in fact) return Array.isArray(value) && value.every((item) => typeof item === 'string' && fact.items.includes(item));
    return typeof value === 'string' && fact.enum.includes(value);
  }
  switch (fact) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'object':
    case 'array':
      return true;
  }
}

/** The writable fact covering `path` (the path itself, or a container above it). */
function factFor(writable: Readonly<Record<string, PropertyFact>>, path: string): PropertyFact | undefined {
  for (let end = path.length; end > 0; end = path.lastIndexOf('.', end - 1)) {
    const fact = writable[path.slice(0, end)];
    if (fact !== undefined) return fact;
  }
  return undefined;
}

/** The documents a control evaluates, each with its owning resource. */
function targetsOf(control: ControlDefinition, estate: readonly ArmObject[]): { document: ArmObject; resource: ArmObject }[] {
  const resources = estate.filter((o) => control.resourceTypes.some((t) => lower(t) === lower(String(o.type))));
  return resources.flatMap((resource) => {
    if (control.target === 'self') return [{ document: resource, resource }];
    const document = estate.find((o) => lower(String(o.id)) === lower(`${String(resource.id)}/${control.target}`));
    return document ? [{ document, resource }] : [];
  });
}

function checkSource(source: SpecSource, where: string): void {
  expect(source.file, where).toMatch(/^specification\/[^/]+\/resource-manager\/.+\.json$/);
  expect(source.apiVersion, where).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
  expect(source.file, `${where}: the file is the one of its api-version`).toContain(`/${source.apiVersion}/`);
  expect(source.definition, where).not.toBe('');
}

describe('kind facts', () => {
  it('every kind of KIND_NAMES has its facts, and every facts block is of its own kind', () => {
    for (const kind of KIND_NAMES) {
      expect(FACTS_BY_KIND[kind], `add src/kinds/${kind}/facts.ts and run npm run generate`).toBeDefined();
      expect(FACTS_BY_KIND[kind].kind).toBe(kind);
    }
  });

  for (const kind of KIND_NAMES) {
    const facts: KindFacts = FACTS_BY_KIND[kind];

    it(`${kind}: names the spec file, api-version and definition of every fact block`, () => {
      expect(facts.kind).toBe(kind);
      for (const type of facts.types) {
        checkSource(type.read.spec, `${type.type} read`);
        expect(type.read.spec.apiVersion, `${type.type}: the read is read from the spec of its own api-version`).toBe(type.read.apiVersion);
        for (const write of [type.update, type.replace]) {
          if (!write) continue;
          checkSource(write.spec, `${type.type} ${write.operation}`);
          expect(write.spec.apiVersion, `${type.type} ${write.operation}`).toBe(write.apiVersion);
          expect(write.responses.length, `${type.type} ${write.operation} lists its success statuses`).toBeGreaterThan(0);
        }
      }
    });

    it(`${kind}: covers every type its controls apply to, and every ARM action they ask for`, () => {
      const actions = new Set([...facts.actions.read, ...facts.actions.write, ...(facts.actions.other ?? [])].map(lower));
      for (const control of CONTROLS_BY_KIND[kind]) {
        for (const type of control.resourceTypes) expect(factsOfType(facts, type), `${control.id}: ${type} in src/kinds/${kind}/facts.ts`).toBeDefined();
        for (const action of control.permissions) expect(actions.has(lower(action)), `${control.id}: ${action} in src/kinds/${kind}/facts.ts actions`).toBe(true);
      }
    });

    it(`${kind}: every fix writes only properties its write's request model has, with values the spec allows`, () => {
      const estate = failingDocuments();
      for (const control of CONTROLS_BY_KIND[kind]) {
        if (!control.fix) continue;
        const failing = targetsOf(control, estate).filter(({ document, resource }) => control.evaluate(document, resource).status === 'fail');
        expect(failing.length, `${control.id}: a document it fails on (add one to failsEveryControl in src/kinds/${kind}/fixtures.ts)`).toBeGreaterThan(0);
        for (const { document, resource } of failing) {
          const type = factsOfType(facts, String(document.type), nameOf(document));
          expect(type, `${control.id}: facts for ${String(document.type)}`).toBeDefined();
          expect(type?.update ?? type?.replace, `${control.id}: ${String(document.type)} has a write operation in its facts`).toBeDefined();
          if (!type) continue;
          for (const { path, value } of leaves(control.fix(document, resource))) {
            // The update (PATCH) when its model has the property; the PUT only where it does not.
            const write = [type.update, type.replace].find((w) => w !== undefined && factFor(w.writable, path) !== undefined);
            const fact = write ? factFor(write.writable, path) : undefined;
            expect(fact, `${control.id}: ${path} is writable in ${type.update?.operation ?? type.replace?.operation} (${(type.update ?? type.replace)?.spec.file})`).toBeDefined();
            if (fact !== undefined) expect(satisfies(fact, value), `${control.id}: ${JSON.stringify(value)} is a valid ${path}`).toBe(true);
            expect(type.readOnly.some((ro) => path === ro || path.startsWith(`${ro}.`)), `${control.id}: ${path} is not readOnly`).toBe(false);
          }
        }
      }
    });

    it(`${kind}: the emulator's rules for its types are the facts (writable set, enums, readOnly, api-versions, long-running pattern)`, () => {
      const emulated = SANDBOX_KINDS[kind].types;
      for (const type of facts.types) {
        const rule = emulated.find((t) => lower(t.type) === lower(type.type) && t.name === type.name);
        expect(rule, `${type.type} in src/kinds/${kind}/emulator.ts`).toBeDefined();
        if (!rule) continue;
        expect(rule.apiVersions).toEqual(type.apiVersions);
        expect(rule.readOnly).toEqual(type.readOnly);
        expect([...rule.writable].sort()).toEqual(Object.keys(type.update?.writable ?? {}).sort());
        expect(rule.longRunning).toEqual(type.update?.longRunning?.monitor);
        expect(rule.required ?? []).toEqual(type.update?.required ?? []);
        // The model's required top-level keys (a TrackedResource's location), so that each body below
        // is judged on the property it sets.
        const required = Object.fromEntries((type.update?.required ?? []).map((key) => [key, 'westeurope']));
        const bodyAt = (path: string, value: Json): JsonObject => ({ ...required, ...bodyAtPath(path, value) });
        if (type.update?.required?.length) {
          expect(checkPatchBody(bodyAtPath('tags.a', 'b'), rule)?.status, `${type.type}: a PATCH without ${type.update.required.join(', ')}`).toBe(400);
        }
        for (const [path, fact] of Object.entries(type.update?.writable ?? {})) {
          if (typeof fact === 'string') continue;
          // A value outside the spec's enum is refused, as Azure refuses it.
          const values = 'items' in fact ? fact.items : fact.enum;
          const as = (value: string): Json => ('items' in fact ? [value] : value);
          const refused = checkPatchBody(bodyAt(path, as('NotInTheSpec')), rule);
          expect(refused?.status, `${type.type} ${path}`).toBe(400);
          expect(checkPatchBody(bodyAt(path, as(values[0])), rule), `${type.type} ${path}`).toBeUndefined();
        }
        for (const path of type.readOnly.filter((p) => p.startsWith('properties.'))) {
          expect(checkPatchBody(bodyAt(path, 'x'), rule)?.status, `${type.type} ${path} is readOnly`).toBe(400);
        }
      }
    });
  }

  it('Service Bus: the fix is not in the update model, so it goes by the PUT the facts name', () => {
    const namespace = FACTS_BY_KIND.servicebus.types[0];
    expect(namespace?.update?.writable['properties.minimumTlsVersion']).toBeUndefined();
    expect(namespace?.replace).toMatchObject({ operation: 'Namespaces_CreateOrUpdate', method: 'PUT', apiVersion: '2024-01-01' });
  });

  it('SQL: the emulator refuses minimalTlsVersion "None" and "1.3", which Servers_Update at 2021-11-01 does not allow', () => {
    const rule = SANDBOX_KINDS.sql.types[0];
    for (const value of ['None', '1.3']) expect(checkPatchBody({ properties: { minimalTlsVersion: value } }, rule), value).toMatchObject({ status: 400 });
    expect(checkPatchBody({ properties: { minimalTlsVersion: '1.2' } }, rule)).toBeUndefined();
  });

  it('Event Hubs: the emulator refuses minimumTlsVersion "1.3", which TlsVersion at 2024-01-01 does not list', () => {
    const rule = SANDBOX_KINDS.eventhub.types[0];
    expect(checkPatchBody({ properties: { minimumTlsVersion: '1.3' } }, rule)).toMatchObject({ status: 400 });
    expect(checkPatchBody({ properties: { minimumTlsVersion: '1.2' } }, rule)).toBeUndefined();
  });
});

/** `{a:{b:value}}` for the path `a.b`. */
function bodyAtPath(path: string, value: Json): JsonObject {
  const keys = path.split('.');
  let body: Json = value;
  for (const key of keys.reverse()) body = { [key]: body };
  return body as JsonObject;
}
