/**
 * ARM calls per Event Grid event, by resource kind and compliance, counted from the emulator's call
 * log. Each event is measured on its own (the log is reset before it); resource-group tag reads are
 * reported apart: the engine caches them per group (60 s) for deciding, so they amortise across
 * events, but reads them again right before a write (an exemption put on the group since must still
 * stop it), so an event that writes costs one more group read when its group was cached.
 */
import { benchRig, round, splitCalls, type CallSplit } from './harness';
import { eventFor, KINDS, resourceGroups, resourceOf, type Kind } from './estate';

export interface KindCalls {
  events: number;
  /** Worst event (the targets are per event, so the maximum is what is checked). */
  max: { reads: number; writes: number; polls: number; lroFinalGets: number };
  mean: { reads: number; writes: number; polls: number; lroFinalGets: number };
  /** Group tag reads over all `events` (events share `groups` resource groups). */
  rgTagReads: number;
  groups: number;
  /** Events that wrote: each may re-read its group's tags once before writing. */
  writingEvents: number;
  /** The bound on rgTagReads: one per group, plus one per writing event. */
  rgTagReadsTarget: number;
  /** Records the events produced, by outcome: proves the calls did what was meant. */
  outcomes: Record<string, number>;
  target: { reads: number; writes: number };
  pass: boolean;
}

export type ArmCallsPerEvent = Record<`${Kind}.${'compliant' | 'noncompliant'}`, KindCalls>;

const EVENTS_PER_CASE = 20;
const GROUPS = 4;

export function targetFor(kind: Kind): { reads: number; writes: number } {
  return kind === 'site' || kind === 'slot' ? { reads: 2, writes: 2 } : { reads: 1, writes: 1 };
}

async function measure(kind: Kind, compliant: boolean): Promise<KindCalls> {
  const resources = Array.from({ length: EVENTS_PER_CASE }, (_, i) => resourceOf(kind, i, compliant, GROUPS));
  const rig = benchRig([...resourceGroups(GROUPS), ...resources.flatMap((r) => r.objects)]);
  const perEvent: CallSplit[] = [];
  const outcomes: Record<string, number> = {};
  for (const [i, resource] of resources.entries()) {
    rig.sandbox.resetCalls();
    const summary = await rig.runtime.intake.handle(eventFor(resource.id, `calls-${kind}-${compliant}-${i}`));
    if (summary.evaluated !== 1) throw new Error(`the event for ${resource.id} was not evaluated: ${JSON.stringify(summary)}`);
    for (const record of summary.records) outcomes[record.outcome] = (outcomes[record.outcome] ?? 0) + 1;
    perEvent.push(splitCalls(rig.sandbox.calls));
  }
  const sum = (key: keyof CallSplit): number => perEvent.reduce((n, s) => n + s[key], 0);
  const max = (key: keyof CallSplit): number => Math.max(...perEvent.map((s) => s[key]));
  const target = targetFor(kind);
  const writingEvents = perEvent.filter((s) => s.writes > 0).length;
  const result = {
    events: perEvent.length,
    max: { reads: max('reads'), writes: max('writes'), polls: max('polls'), lroFinalGets: max('lroFinalGets') },
    mean: { reads: round(sum('reads') / perEvent.length), writes: round(sum('writes') / perEvent.length), polls: round(sum('polls') / perEvent.length), lroFinalGets: round(sum('lroFinalGets') / perEvent.length) },
    rgTagReads: sum('rgTagReads'),
    groups: GROUPS,
    writingEvents,
    rgTagReadsTarget: GROUPS + writingEvents,
    outcomes,
    target,
  };
  return { ...result, pass: result.max.reads <= target.reads && result.max.writes <= target.writes && result.rgTagReads <= result.rgTagReadsTarget };
}

export async function armCallsPerEvent(): Promise<ArmCallsPerEvent> {
  const result: Partial<ArmCallsPerEvent> = {};
  for (const kind of KINDS) {
    for (const compliant of [true, false]) {
      result[`${kind}.${compliant ? 'compliant' : 'noncompliant'}`] = await measure(kind, compliant);
    }
  }
  return result as ArmCallsPerEvent;
}
