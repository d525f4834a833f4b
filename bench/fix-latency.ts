/**
 * Event-to-verified-fix latency: from handing a non-compliant resource's event to the intake until
 * the intake returns with the fix written, verified and audited, with every ARM answer delayed by
 * `latencyMs` (50 ms: a typical ARM round trip from a Functions instance in the same region).
 */
import { eventFor, KINDS, resourceGroups, resourceOf, type Kind } from './estate';
import { benchRig, nowMs, percentileOf, round } from './harness';

export interface FixLatencyFigures {
  latencyMs: number;
  events: number;
  p50: number;
  p99: number;
  byKind: Record<Kind, { p50: number; p99: number }>;
}

export async function fixLatency(options: { latencyMs?: number; perKind?: number } = {}): Promise<FixLatencyFigures> {
  const latencyMs = options.latencyMs ?? 50;
  const perKind = options.perKind ?? 12;
  const all: number[] = [];
  const byKind: Partial<Record<Kind, { p50: number; p99: number }>> = {};
  for (const kind of KINDS) {
    const resources = Array.from({ length: perKind }, (_, i) => resourceOf(kind, i, false, 4));
    const rig = benchRig([...resourceGroups(4), ...resources.flatMap((r) => r.objects)], { latencyMs });
    const samples: number[] = [];
    for (const [i, resource] of resources.entries()) {
      const started = nowMs();
      const summary = await rig.runtime.intake.handle(eventFor(resource.id, `latency-${kind}-${i}`));
      const elapsed = nowMs() - started;
      const fixed = summary.records.filter((r) => r.outcome === 'fixed');
      if (fixed.length === 0 || fixed.some((r) => r.verified !== true)) throw new Error(`no verified fix for ${resource.id}: ${JSON.stringify(summary.records.map((r) => r.outcome))}`);
      samples.push(elapsed);
    }
    byKind[kind] = { p50: round(percentileOf(samples, 50), 1), p99: round(percentileOf(samples, 99), 1) };
    all.push(...samples);
  }
  return { latencyMs, events: all.length, p50: round(percentileOf(all, 50), 1), p99: round(percentileOf(all, 99), 1), byKind: byKind as Record<Kind, { p50: number; p99: number }> };
}
