import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { catalog } from '../controls';
import type { ArmObject } from '../controls/types';
import { checkResources } from '../engine/check';
import { describePatch } from '../engine/patches';
import type { JsonObject } from '../controls/types';
import type { CliIo } from './io';
import { packageRoot } from './package-root';
import { sandboxRun } from './sandbox-command';
import { findingsTable, renderTable, shortResourceName } from './table';

export const DEMO_ESTATE = path.join('examples', 'estate.json');

/**
 * `npm start`: a seeded estate of non-compliant resources, served by the in-process ARM emulator,
 * swept in enforce mode with the real engine and SDK clients. Nothing outside this process is
 * touched: the SDK clients' transport is the emulator.
 */
export async function runDemo(io: CliIo): Promise<number> {
  const estate = JSON.parse(await readFile(path.join(packageRoot(), DEMO_ESTATE), 'utf8')) as ArmObject[];
  const say = (text = ''): void => io.stdout(`${text}\n`);

  say('transit-warden demo: the ARM emulator runs inside this process; no request leaves the machine.');
  say(`Estate: ${estate.length} ARM objects from ${DEMO_ESTATE} (sites, slots, their config/web, storage, Redis, resource groups).`);
  say();
  say('1. What it finds (offline check of the estate as loaded):');
  const findings = checkResources(estate, catalog, new Date()).filter((r) => r.status !== 'pass');
  say(renderTable(['STATUS', 'CONTROL', 'RESOURCE', 'ACTUAL', 'EXPECTED'], findings.map((r) => [
    r.status, r.control, shortResourceName(r.resourceId), JSON.stringify(r.actual), JSON.stringify(r.expected),
  ])));

  say('2. A drift sweep in enforce mode (re-read through the SDKs, minimal PATCH, verify):');
  const run = await sandboxRun({ estate, sweep: true, mode: 'enforce' });
  say(findingsTable(run.records, 110) ?? 'Nothing but compliant resources.\n');

  say('3. The audit trail of what was written (before → after, verified against ARM\'s answer):');
  const fixed = run.records.filter((r) => r.outcome === 'fixed');
  say(renderTable(['RECORD', 'RESOURCE', 'BEFORE', 'AFTER', 'VERIFIED'], fixed.map((r) => [
    r.id.slice(0, 12), shortResourceName(r.resourceId), describePatch(r.before as JsonObject), describePatch(r.after as JsonObject), String(r.verified),
  ]), 70));

  say('4. Every PATCH the emulator received (nothing but the fixes\' properties was written):');
  say(renderTable(['RESOURCE', 'DOCUMENT', 'PROPERTIES WRITTEN'], run.sandbox.writes.map((w) => [shortResourceName(w.id), w.target, w.paths.join(', ')]), 90));

  const calls = run.sandbox.counts();
  say(`ARM calls: ${calls.reads} reads, ${calls.writes} writes, ${calls.polls} long-running-operation polls.`);
  const again = checkResources(run.sandbox.snapshot(), catalog, new Date()).filter((r) => r.status === 'fail');
  say(`After the sweep, still failing (report-only, dry-run or restart-gated on purpose): ${again.length}`);
  for (const r of again) say(`  - ${r.control} on ${shortResourceName(r.resourceId)}`);
  say();
  say('Try it on your own export: npx transit-warden check resources.json   (exit 0 compliant, 1 findings, 2 bad input)');
  return 0;
}
