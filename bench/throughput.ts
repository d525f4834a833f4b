/**
 * Engine overhead and event throughput: events through createIntake → engine → memory audit store,
 * with the emulator answering at zero latency and its per-request log off, so what is timed is our
 * code plus the SDK pipeline and the emulator's own work (an upper bound on our overhead).
 */
import { eventFor, KINDS, resourceGroups, resourceOf, seededRandom, type EstateResource } from './estate';
import { benchRig, nowMs, percentileOf, round } from './harness';

export interface OverheadFigures {
  events: number;
  p50: number;
  p99: number;
  max: number;
  /** Share of the measured events that led to a write (the rest re-read and found compliance). */
  fixedShare: number;
  /** The same split apart: events that only read, and events that wrote a fix. */
  readOnly: { p50: number; p99: number };
  withFix: { p50: number; p99: number };
  /** Per event, less the time a request was inside the emulator: our code and the SDK pipeline. */
  excludingEmulator: { p50: number; p99: number };
}

export interface ThroughputFigures {
  events: number;
  /** Deliveries in flight at once (Event Grid delivers concurrently to one instance). */
  concurrency: number;
  wallMs: number;
  eventsPerSecond: number;
}

const RESOURCES = 800;
const GROUPS = 16;

function estate(seed: number): { resources: EstateResource[]; objects: ReturnType<typeof resourceGroups> } {
  const random = seededRandom(seed);
  // One in ten starts non-compliant: its first event fixes it, later ones find it compliant.
  const resources = Array.from({ length: RESOURCES }, (_, i) => resourceOf(KINDS[i % KINDS.length], i, random() >= 0.1, GROUPS));
  return { resources, objects: [...resourceGroups(GROUPS), ...resources.flatMap((r) => r.objects)] };
}

/** Sequential events, each timed on its own: the latency one event adds beyond ARM's. */
export async function engineOverhead(options: { events?: number; warmup?: number; seed?: number } = {}): Promise<OverheadFigures> {
  const events = options.events ?? 4000;
  const warmup = options.warmup ?? 400;
  const { resources, objects } = estate(options.seed ?? 11);
  const rig = benchRig(objects, { recordCalls: false, pollIntervalMs: 0 });
  const random = seededRandom((options.seed ?? 11) + 1);
  const samples: number[] = [];
  const readOnly: number[] = [];
  const withFix: number[] = [];
  const excluding: number[] = [];
  for (let i = 0; i < warmup + events; i += 1) {
    const resource = resources[Math.floor(random() * resources.length)];
    const event = eventFor(resource.id, `overhead-${i}`);
    const emulatorBefore = rig.emulatorMs();
    const started = nowMs();
    const summary = await rig.runtime.intake.handle(event);
    const elapsed = nowMs() - started;
    if (summary.evaluated !== 1) throw new Error(`event ${i} was not evaluated`);
    if (i >= warmup) {
      samples.push(elapsed);
      excluding.push(elapsed - (rig.emulatorMs() - emulatorBefore));
      (summary.records.some((r) => r.outcome === 'fixed') ? withFix : readOnly).push(elapsed);
    }
  }
  return {
    events,
    p50: round(percentileOf(samples, 50), 3),
    p99: round(percentileOf(samples, 99), 3),
    max: round(Math.max(...samples), 3),
    fixedShare: round(withFix.length / events, 3),
    readOnly: { p50: round(percentileOf(readOnly, 50), 3), p99: round(percentileOf(readOnly, 99), 3) },
    withFix: { p50: round(percentileOf(withFix, 50), 3), p99: round(percentileOf(withFix, 99), 3) },
    excludingEmulator: { p50: round(percentileOf(excluding, 50), 3), p99: round(percentileOf(excluding, 99), 3) },
  };
}

/** Events per second with `concurrency` deliveries in flight on this process. */
export async function eventThroughput(options: { events?: number; concurrency?: number; seed?: number } = {}): Promise<ThroughputFigures> {
  const events = options.events ?? 5000;
  const concurrency = options.concurrency ?? 8;
  const { resources, objects } = estate(options.seed ?? 13);
  const rig = benchRig(objects, { recordCalls: false, pollIntervalMs: 0 });
  const random = seededRandom((options.seed ?? 13) + 1);
  const bodies = Array.from({ length: events }, (_, i) => eventFor(resources[Math.floor(random() * resources.length)].id, `throughput-${i}`));
  // Warm the SDK clients and JIT on a copy of the work, then measure on fresh event ids.
  for (const [i, resource] of resources.slice(0, 200).entries()) await rig.runtime.intake.handle(eventFor(resource.id, `warm-${i}`));

  let next = 0;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const summary = await rig.runtime.intake.handle(body);
        if (summary.evaluated !== 1) throw new Error('an event was not evaluated');
      }
    }),
  );
  const wallMs = nowMs() - started;
  return { events, concurrency, wallMs: round(wallMs, 0), eventsPerSecond: round((events / wallMs) * 1000, 0) };
}
