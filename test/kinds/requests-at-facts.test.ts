import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import { SELF, sameType, type ArmObject } from '../../src/controls/types';
import { findTypeFacts, type TypeFacts } from '../../src/kinds/facts';
import { FACTS_BY_KIND } from '../../src/kinds/generated/facts';
import { inKindOrder } from '../../src/kinds/names';
import { driftedEstate } from '../fixtures/drifted-estate';
import { sandboxEngine } from '../helpers/sandbox-runtime';

const TYPES: TypeFacts[] = inKindOrder(FACTS_BY_KIND).flatMap((facts) => facts.types);
/** The facts of `type`, or of the document `name` where a kind names it (App Service config/authsettingsV2). */
const factsOf = (type: string | null, name?: string): TypeFacts | undefined => (type === null ? undefined : findTypeFacts(TYPES, type, name));
const lastSegment = (path: string): string => path.split('/').pop() ?? '';

/**
 * The writes the engine must send over `estate`, from the catalog and the facts alone: for each
 * enforcing control with a fix and each document of the estate it fails on, the type of that
 * document and the method of its write (the PUT only where the facts list one: their update model
 * lacks the property).
 */
function expectedWrites(estate: readonly ArmObject[]): string[] {
  const byId = new Map(estate.map((o) => [String(o.id).toLowerCase(), o]));
  const writes = new Set<string>();
  for (const resource of estate) {
    for (const control of catalog) {
      if (!control.fix || control.defaultMode !== 'enforce' || !control.resourceTypes.some((t) => sameType(t, String(resource.type)))) continue;
      const document = control.target === SELF ? resource : byId.get(`${String(resource.id)}/${control.target}`.toLowerCase());
      if (!document || control.evaluate(document, resource).status !== 'fail') continue;
      const facts = factsOf(String(document.type), lastSegment(String(document.id)));
      const write = facts?.replace ?? facts?.update;
      if (facts && write) writes.add(`${facts.type} ${write.method}`);
    }
  }
  return [...writes].sort();
}

/** Ids of the resources (not child documents) of the estate that some kind covers. */
function resourceIds(estate: readonly ArmObject[]): string[] {
  return estate.filter((o) => { const f = factsOf(String(o.type)); return f !== undefined && f.document !== true; }).map((o) => String(o.id));
}

describe('requests go out at the api-versions the facts state', () => {
  it('reads every kind at its read api-version and writes it with the method and api-version of its write, over the drifted estate', async () => {
    const estate = driftedEstate({ slot: true });
    const t = sandboxEngine(estate);
    for (const id of resourceIds(estate)) await t.process(id);

    const seen = new Set<string>();
    for (const call of t.sandbox.calls) {
      if (call.kind === 'poll') continue;
      const facts = factsOf(call.resourceType, lastSegment(call.path));
      if (!facts) continue;
      seen.add(`${facts.type} ${call.method}`);
      if (call.method === 'GET') {
        // Service Bus reads again right before its PUT, at the same api-version.
        expect(call.apiVersion, `${call.method} ${call.path}`).toBe(facts.read.apiVersion);
      } else {
        const write = [facts.update, facts.replace].find((w) => w?.method === call.method);
        expect(write, `${call.method} ${call.path}: a write the facts of ${facts.type} state`).toBeDefined();
        expect(call.apiVersion, `${call.method} ${call.path}`).toBe(write?.apiVersion);
      }
    }
    // The drift reached every fixing kind's write.
    const expected = expectedWrites(estate);
    expect(expected.length, 'the drifted estate has drift to fix').toBeGreaterThan(0);
    expect([...seen].filter((s) => !s.endsWith(' GET')).sort()).toEqual(expected);
  });
});
