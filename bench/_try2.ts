import { sweepBench } from './sweep';
(async () => {
  for (const n of [1000, 10000]) {
    const r = await sweepBench(n);
    console.log(JSON.stringify(r, null, 1));
  }
  const r = await sweepBench(1000, { clientCertsOff: true });
  console.log(JSON.stringify({ ...r, graphQueries: undefined }));
})().catch((e) => { console.error(e); process.exit(1); });
