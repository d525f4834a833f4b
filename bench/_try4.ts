import { engineOverhead, eventThroughput } from './throughput';
import { fixLatency } from './fix-latency';
(async () => {
  console.log(JSON.stringify(await engineOverhead()));
  console.log(JSON.stringify(await eventThroughput()));
  console.log(JSON.stringify(await eventThroughput({ concurrency: 1 })));
  console.log(JSON.stringify(await fixLatency()));
})().catch((e) => { console.error(e); process.exit(1); });
