/**
 * Spec conformance: every write body transit-warden sends over the all-kinds drifted estate (fixes
 * through the engine, a static parameter's restart, and the undo of every fix) is validated with
 * ajv against a JSON Schema of the REST spec's request model for that operation and api-version.
 * The schemas are built from the kinds' facts (src/kinds/<kind>/facts.ts), which are transcribed
 * from the spec files and name them; the emulator's writable sets come from the same data, but this
 * check does not ask the emulator: it judges the bodies the SDK clients put on the wire.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { targetDocumentType, type JsonObject } from '../../src/controls/types';
import { parseResourceId } from '../../src/core/resource-id';
import { undoFix } from '../../src/engine/undo';
import { findTypeFacts, type PropertyFact, type TypeFacts, type WriteFact } from '../../src/kinds/facts';
import { FACTS_BY_KIND } from '../../src/kinds/generated/facts';
import { inKindOrder } from '../../src/kinds/names';
import { resourceGroup } from '../fixtures/arm';
import { DRIFTED_BY_KIND } from '../fixtures/drifted-estate';
import { REPORTING_FIXES_ENFORCED } from '../helpers/control-modes';
import { sandboxEngine } from '../helpers/sandbox-runtime';

type Schema = Record<string, unknown>;

function propertySchema(fact: PropertyFact): Schema {
  if (typeof fact === 'object') return 'items' in fact ? { type: 'array', items: { type: 'string', enum: [...fact.items] } } : { type: 'string', enum: [...fact.enum] };
  return { type: fact };
}

/**
 * The request model as a JSON Schema: `properties` holds only the writable paths (nested objects
 * closed with additionalProperties false), `tags` string values, and the model's other top-level keys.
 */
export function requestSchema(write: WriteFact): Schema {
  const root: Schema = { type: 'object', properties: {}, additionalProperties: false };
  const rootProperties = root.properties as Record<string, Schema>;
  rootProperties.tags = { type: 'object', additionalProperties: { type: 'string' } };
  for (const key of write.topLevel ?? []) rootProperties[key] = {};
  for (const [path, fact] of Object.entries(write.writable)) {
    const keys = path.split('.');
    let node = root;
    for (const key of keys.slice(0, -1)) {
      const children = node.properties as Record<string, Schema>;
      children[key] ??= { type: 'object', properties: {}, additionalProperties: false };
      node = children[key];
    }
    (node.properties as Record<string, Schema>)[keys[keys.length - 1]] = propertySchema(fact);
  }
  return root;
}

const TYPES: TypeFacts[] = inKindOrder(FACTS_BY_KIND).flatMap((facts) => facts.types);
/** The facts of `type`, or of the document `name` where a kind names it (App Service config/authsettingsV2). */
const factsOf = (type: string, name?: string): TypeFacts | undefined => findTypeFacts(TYPES, type, name);


interface WireWrite {
  method: string;
  path: string;
  apiVersion: string | null;
  body: JsonObject;
}

/** Records every PATCH and PUT the SDK clients hand to the emulator's transport, accepted or not. */
function captureWrites(httpClient: HttpClient): WireWrite[] {
  const writes: WireWrite[] = [];
  const send = httpClient.sendRequest.bind(httpClient);
  httpClient.sendRequest = (request) => {
    if (request.method === 'PATCH' || request.method === 'PUT') {
      const url = new URL(request.url);
      writes.push({ method: request.method, path: url.pathname, apiVersion: url.searchParams.get('api-version'), body: JSON.parse(String(request.body ?? 'null')) as JsonObject });
    }
    return send(request);
  };
  return writes;
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validators = new Map<WriteFact, ValidateFunction>();
function validatorFor(write: WriteFact): ValidateFunction {
  let validate = validators.get(write);
  if (!validate) {
    validate = ajv.compile(requestSchema(write));
    validators.set(write, validate);
  }
  return validate;
}

/** Where `body` leaves the model of the write `method` of `type`, or [] when it conforms. */
function violations(type: string, method: string, body: JsonObject, name?: string): string[] {
  const facts = factsOf(type, name);
  if (!facts) return [`no facts for ${type}`];
  const write = [facts.update, facts.replace].find((w) => w?.method === method);
  if (!write) return [`${type} has no ${method} in its facts`];
  const validate = validatorFor(write);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${write.operation} (${write.spec.file} @ ${write.apiVersion}): ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

describe('request bodies conform to the REST spec request models', () => {
  it('every write of fixes, a restart and the undo of every fix over the all-kinds drifted estate', async () => {
    // Every document fails every control of its kind, so every fix goes on the wire.
    const estate = [resourceGroup(), ...inKindOrder(DRIFTED_BY_KIND).flatMap((kind) => kind.failsEveryControl())];
    const t = sandboxEngine(estate, { config: { allowRestarts: true, controlModes: REPORTING_FIXES_ENFORCED } });
    const wire = captureWrites(t.sandbox.httpClient);
    const resources = estate.filter((o) => { const f = factsOf(String(o.type)); return f !== undefined && f.document !== true; }).map((o) => String(o.id));
    const fixed = [];
    for (const id of resources) fixed.push(...(await t.process(id)).filter((r) => r.outcome === 'fixed'));
    expect(t.restarts.length).toBe(1);
    for (const record of fixed) {
      const undone = await undoFix(record.id, { audit: t.audit, reader: t.gateway, writer: t.gateway, clock: t.clock, catalog }, 'alice@contoso.com').catch((err: unknown) => err);
      // A fix another control's undo already reverted shows "changed since"; every other undo writes.
      if (undone instanceof Error) expect(undone.message).toMatch(/changed since|had no value before/);
    }

    expect(wire.length).toBeGreaterThan(0);
    const problems = wire.flatMap((write) => {
      const { type, names } = parseResourceId(write.path);
      const name = names[names.length - 1];
      const atVersion = [factsOf(type, name)?.update, factsOf(type, name)?.replace].find((w) => w?.method === write.method)?.apiVersion;
      const wrongVersion = atVersion !== write.apiVersion ? [`sent at api-version ${String(write.apiVersion)}, the facts' ${write.method} is at ${String(atVersion)}`] : [];
      return [...wrongVersion, ...violations(type, write.method, write.body, name)].map((v) => `${write.method} ${write.path}: ${v}`);
    });
    // First what left its model (a body the emulator refused is judged too: it was captured on the wire).
    expect(problems).toEqual([]);
    // Every control with a fix fixed something (the report-by-default ones too: enforced here, restarts allowed).
    expect([...new Set(fixed.map((r) => r.control))].sort()).toEqual(catalog.filter((c) => c.fix).map((c) => c.id).sort());
    // Each fixed record's document type was among the writes judged.
    const judged = new Set(wire.map((w) => parseResourceId(w.path).type.toLowerCase()));
    for (const record of fixed) {
      const control = catalog.find((c) => c.id === record.control);
      expect(control && judged.has(targetDocumentType(record.resourceType, control.target).toLowerCase()), `a write of ${record.control}`).toBe(true);
    }
  });

  it('would fail a body that leaves its model: a property the model lacks, a value outside its enum, a key beside properties', () => {
    expect(violations('Microsoft.ServiceBus/Namespaces', 'PATCH', { properties: { minimumTlsVersion: '1.2' } })).not.toEqual([]);
    expect(violations('Microsoft.EventHub/Namespaces', 'PATCH', { properties: { minimumTlsVersion: '1.3' } })).not.toEqual([]);
    expect(violations('Microsoft.Sql/servers', 'PATCH', { properties: { minimalTlsVersion: 'None' } })).not.toEqual([]);
    expect(violations('Microsoft.Storage/storageAccounts', 'PATCH', { properties: { minimumTlsVersion: 'TLS1_2' }, location: 'westeurope' })).not.toEqual([]);
    expect(violations('Microsoft.Web/sites', 'PATCH', { properties: { httpsOnly: 'true' } })).not.toEqual([]);
    // …and passes the fixes as they are.
    expect(violations('Microsoft.Storage/storageAccounts', 'PATCH', { properties: { minimumTlsVersion: 'TLS1_2' } })).toEqual([]);
    expect(violations('Microsoft.Web/sites', 'PATCH', { properties: { httpsOnly: true } })).toEqual([]);
  });
});
