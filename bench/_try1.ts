import { armCallsPerEvent } from '/work/main/bench/calls-per-event';
armCallsPerEvent().then((r) => console.log(JSON.stringify(r, null, 1)), (e) => { console.error(e); process.exit(1); });
