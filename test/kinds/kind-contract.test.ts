/**
 * The kind contract: every kind in KIND_NAMES goes through the same checks, on its own drifted
 * resources (src/kinds/<kind>/fixtures.ts): its parts agree on the ARM types it serves, an Event
 * Grid write event gets each of its resources evaluated and fixed, and a Resource Graph sweep and a
 * list-call sweep each find and fix the same drift. A failure names the kind and the file that lacks
 * the part. The per-kind Records make a missing part a compile error; this test catches a part that
 * exists but does not serve the kind's types. That the deployed role is enough and least for all of
 * it is test/security/role-sufficiency.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS_BY_KIND } from '../../src/azure/gateway';
import { LISTED_TYPES, ListSource } from '../../src/azure/list-source';
import { sweepSource } from '../../src/azure/sweep-source';
import { createLogger } from '../../src/logger';
import { parseResourceId } from '../../src/core/resource-id';
import { CONTROLS_BY_KIND, catalog } from '../../src/controls';
import { sameType, type ArmObject, type JsonObject } from '../../src/controls/types';
import { runSweep, type CandidateSource } from '../../src/engine/sweep';
import { createIntake } from '../../src/events/intake';
import { KIND_NAMES, type KindName } from '../../src/kinds/names';
import { leafPaths } from '../../src/sandbox/json';
import { SANDBOX_KINDS } from '../../src/sandbox/kinds';
import { eventFor } from '../../bench/estate';
import { resourceGroup, SUBSCRIPTION_ID } from '../fixtures/arm';
import { DRIFTED_BY_KIND } from '../fixtures/drifted-estate';
import { FIXED_NOW, sandboxEngine, type SandboxEngine } from '../helpers/sandbox-runtime';

const ROOMY = { config: { writeBudget: { maxWrites: 10_000, windowMinutes: 60 } } };

/** The ARM types a kind's controls evaluate (lower case). */
function controlTypes(kind: KindName): string[] {
  return [...new Set(CONTROLS_BY_KIND[kind].flatMap((c) => c.resourceTypes.map((t) => t.toLowerCase())))];
}

/** The kind's drifted resources that its controls evaluate (not child documents or parents). */
function evaluated(kind: KindName, estate: readonly ArmObject[]): string[] {
  const types = controlTypes(kind);
  return estate.filter((o) => types.includes(String(o.type).toLowerCase())).map((o) => String(o.id));
}

function rig(kind: KindName): SandboxEngine {
  return sandboxEngine([resourceGroup(), ...DRIFTED_BY_KIND[kind].resources({})], ROOMY);
}

async function sweepFixes(t: SandboxEngine, source: CandidateSource): Promise<string[]> {
  const { records } = await runSweep({ engine: t.engine, source, catalog, runId: 'contract-sweep', now: FIXED_NOW, concurrency: 1 });
  return records.filter((r) => r.outcome === 'fixed').map((r) => r.control).sort();
}

describe.each(KIND_NAMES.map((kind) => [kind]))('kind %s', (kind) => {
  const fixes = [...DRIFTED_BY_KIND[kind].fixes].sort();

  it('has controls, and its fixture, emulator, adapter and lister all serve their types', () => {
    expect(CONTROLS_BY_KIND[kind].length, `src/kinds/${kind}/controls.ts: CONTROLS_BY_KIND['${kind}'] lists no control`).toBeGreaterThan(0);
    const adapterTypes = ADAPTERS_BY_KIND[kind]({ credential: rig(kind).sandbox.credential, pollIntervalMs: 5 }).resourceTypes;
    const emulated = SANDBOX_KINDS[kind].types.map((t) => t.type);
    for (const type of controlTypes(kind)) {
      expect(emulated.some((t) => sameType(t, type)), `src/kinds/${kind}/emulator.ts serves no ${type}`).toBe(true);
      expect(adapterTypes.some((t) => sameType(t, type)), `src/kinds/${kind}/adapter.ts serves no ${type}`).toBe(true);
      expect(LISTED_TYPES.has(type), `src/azure/list-source.ts: LISTERS_BY_KIND['${kind}'] lists no ${type}`).toBe(true);
    }
    const estate = DRIFTED_BY_KIND[kind].resources({});
    expect(evaluated(kind, estate).length, `src/kinds/${kind}/fixtures.ts: resources() has no resource its controls evaluate`).toBeGreaterThan(0);
    for (const control of DRIFTED_BY_KIND[kind].fixes) expect(CONTROLS_BY_KIND[kind].map((c) => c.id)).toContain(control);
  });

  it('evaluates each resource named by a write event, every control of its type recorded, the drift fixed', async () => {
    const t = rig(kind);
    const intake = createIntake({ engine: t.engine, config: { allowedSubscriptions: [SUBSCRIPTION_ID], ownIdentities: [] }, catalog });
    const ids = evaluated(kind, DRIFTED_BY_KIND[kind].resources({}));
    const summary = await intake.handle(ids.map((id, i) => eventFor(id, `contract-${kind}-${i}`)));
    expect(summary.rejected, 'rejected events').toEqual([]);
    expect(summary.evaluated).toBe(ids.length);
    for (const id of ids) {
      const type = parseResourceId(id).type;
      const expected = CONTROLS_BY_KIND[kind].filter((c) => c.resourceTypes.some((x) => sameType(x, type))).map((c) => c.id).sort();
      expect(summary.records.filter((r) => r.resourceId.toLowerCase() === id.toLowerCase()).map((r) => r.control).sort(), id).toEqual(expected);
    }
    const fixed = summary.records.filter((r) => r.outcome === 'fixed');
    expect(fixed.map((r) => r.control).sort()).toEqual(fixes);
    expect(fixed.every((r) => r.verified === true)).toBe(true);
    expect(summary.records.filter((r) => r.outcome === 'failed')).toEqual([]);
    // Exactly the fixes' paths were written (fixes of one document share a PATCH).
    const fixedPaths = fixed.flatMap((r) => leafPaths(r.after as JsonObject)).sort();
    expect(t.sandbox.writes.flatMap((w) => w.paths).sort()).toEqual(fixedPaths);
  });

  it('is found and fixed by a Resource Graph sweep', async () => {
    const t = rig(kind);
    // Built as the deployed app builds a Graph sweep: types Resource Graph has no rows of
    // (absentFromResourceGraph: storage file services, API Management APIs) are listed beside its pages.
    const logger = createLogger({ level: 'silent' });
    const source = sweepSource({ setting: 'graph', credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog, logger });
    expect(await sweepFixes(t, source)).toEqual(fixes);
  });

  it('is found and fixed by a list-call sweep', async () => {
    const t = rig(kind);
    const source = new ListSource({ credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog });
    expect(await sweepFixes(t, source)).toEqual(fixes);
  });
});
