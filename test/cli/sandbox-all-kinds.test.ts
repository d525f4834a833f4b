import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/controls';
import type { ArmObject } from '../../src/controls/types';
import { findTypeFacts } from '../../src/kinds/facts';
import { FACTS_BY_KIND } from '../../src/kinds/generated/facts';
import { FIXTURES_BY_KIND } from '../../src/kinds/generated/fixtures';
import { inKindOrder } from '../../src/kinds/names';
import { eventFor } from '../../bench/estate';
import { resourceGroup } from '../fixtures/arm';
import { runCli } from '../helpers/cli';

interface Record { control: string; outcome: string; resourceId: string; trigger: string }

/** Every kind's document that fails every control of the kind, and a resource group: the whole catalog drifted. */
const TYPES = inKindOrder(FACTS_BY_KIND).flatMap((facts) => facts.types);
const estate: ArmObject[] = [resourceGroup(), ...inKindOrder(FIXTURES_BY_KIND).flatMap((kind) => kind.failsEveryControl())];

function run(): { estateFile: string; eventsFile: string; audit: (name: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-all-kinds-'));
  const estateFile = path.join(dir, 'estate.json');
  writeFileSync(estateFile, JSON.stringify(estate));
  // One write event per resource (documents such as config/web are reached through their resource).
  const resources = estate.filter((o) => { const facts = findTypeFacts(TYPES, String(o.type)); return facts !== undefined && facts.document !== true; });
  const eventsFile = path.join(dir, 'events.json');
  writeFileSync(eventsFile, JSON.stringify(resources.map((o, i) => eventFor(String(o.id), `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`))));
  return { estateFile, eventsFile, audit: (name) => path.join(dir, name) };
}

const readAudit = (file: string): Record[] => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record);

/** Per control, the outcomes its records had. */
function outcomesByControl(records: Record[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const r of records) map.set(r.control, (map.get(r.control) ?? new Set()).add(r.outcome));
  return map;
}

/** Every enforcing control fixed something, and every report-only one judged and wrote nothing. */
function expectEveryControlJudged(records: Record[]): void {
  const outcomes = outcomesByControl(records);
  const wrong = catalog.flatMap((control) => {
    const seen = outcomes.get(control.id) ?? new Set<string>();
    // (A kind's failing documents may fail its report-only controls on different resources, so those are only held to having judged and written nothing.)
    const ok = control.defaultMode === 'enforce' ? seen.has('fixed') : seen.size > 0 && !seen.has('fixed') && !seen.has('failed');
    return ok ? [] : [`${control.id} (${control.defaultMode}): ${[...seen].join(', ') || 'no record'}`];
  });
  expect(wrong).toEqual([]);
}

describe('transit-warden sandbox over an estate with every kind drifted', () => {
  it('--sweep --mode enforce fixes every enforcing control and writes nothing for the report-only ones (test/engine/enforce-cases holds each write to its exact patch)', async () => {
    const files = run();
    const audit = files.audit('sweep.jsonl');
    const result = await runCli(['sandbox', '--estate', files.estateFile, '--sweep', '--mode', 'enforce', '--audit-file', audit]);
    expect(result.stderr).toBe('');
    const records = readAudit(audit);
    expect(new Set(records.map((r) => r.trigger))).toEqual(new Set(['sweep']));
    expectEveryControlJudged(records);
    expect(result.code).toBe(0);
  }, 120_000);

  it('does the same for one write event per resource', async () => {
    const files = run();
    const audit = files.audit('events.jsonl');
    const result = await runCli(['sandbox', '--estate', files.estateFile, '--events', files.eventsFile, '--mode', 'enforce', '--audit-file', audit]);
    const records = readAudit(audit);
    expect(new Set(records.map((r) => r.trigger))).toEqual(new Set(['event']));
    expectEveryControlJudged(records);
    expect(result.code).toBe(0);
  }, 120_000);
});
