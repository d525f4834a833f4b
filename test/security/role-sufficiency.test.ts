/**
 * The deployed role (infra/generated/role-actions.json) against every call transit-warden makes:
 * the emulator enforces it as ARM would (src/sandbox/rbac.ts), over an estate with drift in every
 * kind, through the three ways work reaches Azure — evaluations (events), a Resource Graph sweep and
 * a list-call sweep — with restarts allowed so the restart path runs too.
 * Enough: nothing is refused. Least: without any one action, some call is refused.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListSource } from '../../src/azure/list-source';
import { sweepSource } from '../../src/azure/sweep-source';
import { createLogger } from '../../src/logger';
import { catalog } from '../../src/controls';
import { runSweep, type CandidateSource } from '../../src/engine/sweep';
import { SUBSCRIPTION_ID } from '../fixtures/arm';
import { DRIFTED_ESTATE_FIXES, driftedEstate } from '../fixtures/drifted-estate';
import { REPORTING_FIXES_ENFORCED } from '../helpers/control-modes';
import { FIXED_NOW, sandboxEngine, type SandboxEngine } from '../helpers/sandbox-runtime';

const ROLE: string[] = JSON.parse(readFileSync(path.resolve(__dirname, '../../infra/generated/role-actions.json'), 'utf8')) as string[];
const COVERED = new Set(catalog.flatMap((c) => c.resourceTypes.map((t) => t.toLowerCase())));
const CONFIG = {
  config: {
    allowRestarts: true,
    // Report-by-default controls that can fix are opted in, so the role's write actions for them are exercised too.
    controlModes: REPORTING_FIXES_ENFORCED,
    writeBudget: { maxWrites: 10_000, windowMinutes: 60 },
  },
};
/** Everything the estate should get fixed: the default fixes, the slot's two, and every report-by-default control that can fix (enforced here). */
const ALL_FIXES = [...DRIFTED_ESTATE_FIXES, 'appservice-https-only', 'appservice-min-tls', 'appservice-ftps-only', ...Object.keys(REPORTING_FIXES_ENFORCED)].sort();

interface Outcome {
  denied: Set<string>;
  fixed: string[];
  errors: string[];
}

function rig(role: readonly string[]): SandboxEngine {
  return sandboxEngine(driftedEstate({ slot: true, mysqlTls: 'TLSv1.1' }), { ...CONFIG, role });
}

async function collectOutcome(t: SandboxEngine, work: () => Promise<{ control: string; outcome: string }[]>): Promise<Outcome> {
  const errors: string[] = [];
  let records: { control: string; outcome: string }[] = [];
  try {
    records = await work();
  } catch (err) {
    errors.push(String(err));
  }
  return { denied: new Set(t.sandbox.denied.map((d) => d.action)), fixed: records.filter((r) => r.outcome === 'fixed').map((r) => r.control).sort(), errors };
}

/** Events: every covered resource evaluated once, as the Event Grid handler would. */
async function evaluations(role: readonly string[]): Promise<Outcome> {
  const t = rig(role);
  const ids = [...t.sandbox.objects()].filter((o) => COVERED.has(String(o.type).toLowerCase())).map((o) => String(o.id));
  return collectOutcome(t, async () => (await Promise.all(ids.map((id) => t.process(id, 'evt')))).flat());
}

async function sweepWith(role: readonly string[], source: (t: SandboxEngine) => CandidateSource): Promise<Outcome> {
  const t = rig(role);
  return collectOutcome(t, async () => {
    const summary = await runSweep({ engine: t.engine, source: source(t), catalog, runId: 'sweep-role', now: FIXED_NOW, concurrency: 1 });
    if (summary.errors.length > 0) throw new Error(JSON.stringify(summary.errors));
    return summary.records;
  });
}

const transport = (t: SandboxEngine) => ({ credential: t.sandbox.credential, httpClient: t.sandbox.httpClient, endpoint: t.sandbox.endpoint, subscriptions: [SUBSCRIPTION_ID], catalog });
// A Graph sweep as the deployed app builds it: types Resource Graph has no rows of (absentFromResourceGraph) are listed beside its pages.
const graphSweep = (role: readonly string[]) => sweepWith(role, (t) => sweepSource({ ...transport(t), setting: 'graph', logger: createLogger({ level: 'silent' }) }));
const listSweep = (role: readonly string[]) => sweepWith(role, (t) => new ListSource(transport(t)));

describe('the generated role, enforced by the ARM emulator', () => {
  it.each([
    ['evaluations (events)', evaluations],
    ['a Resource Graph sweep', graphSweep],
    ['a list-call sweep (no Graph)', listSweep],
  ])('is enough for %s: nothing refused, every drift fixed', async (_, run) => {
    const outcome = await run(ROLE);
    expect([...outcome.denied]).toEqual([]);
    expect(outcome.errors).toEqual([]);
    expect(outcome.fixed).toEqual(ALL_FIXES);
  });

  it('refuses what the role does not grant, as ARM does (403 AuthorizationFailed naming the action)', async () => {
    const outcome = await evaluations(ROLE.filter((a) => a !== 'Microsoft.Sql/servers/write'));
    expect([...outcome.denied]).toEqual(['Microsoft.Sql/servers/write']);
    expect(outcome.fixed).toEqual(ALL_FIXES.filter((c) => c !== 'sql-min-tls'));
  });

  it('holds no action that nothing needs: without any one of them, some call is refused', async () => {
    const unused: string[] = [];
    for (const action of ROLE) {
      const without = ROLE.filter((a) => a !== action);
      const outcomes = [await evaluations(without), await graphSweep(without), await listSweep(without)];
      if (!outcomes.some((o) => o.denied.has(action))) unused.push(action);
    }
    expect(unused).toEqual([]);
  }, 120_000);
});
