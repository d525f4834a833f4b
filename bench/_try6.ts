import { benchRig, nowMs } from './harness';
import { eventFor, KINDS, resourceGroups, resourceOf } from './estate';
(async () => {
  for (const kind of KINDS) {
    const rs = Array.from({ length: 60 }, (_, i) => resourceOf(kind, i, false, 4));
    const rig = benchRig([...resourceGroups(4), ...rs.flatMap((r) => r.objects)], { recordCalls: false });
    const t: number[] = [];
    for (const [i, r] of rs.entries()) { const e = eventFor(r.id, `x${i}`); const s = nowMs(); await rig.runtime.intake.handle(e); t.push(nowMs() - s); }
    t.sort((a, b) => a - b);
    console.log(kind, t[30].toFixed(2), t[58].toFixed(2));
  }
})();
